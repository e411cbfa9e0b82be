import { useState } from 'preact/hooks';
import { appraise, decideAwards, recordCouncilVote } from '../../api/endpoints';
import type { CycleView, Nominee } from '../../api/types';
import { ActionStatus, Button, Checkbox, DateField, Radio, Section, TextField } from '../../components/ui';
import { formatDate, parseDateInput, todayVn } from '../../lib/format';
import { useAction } from '../../lib/hooks';
import { AWARD_LABELS, unitName } from '../../lib/labels';

const nomineeLabel = (cycle: CycleView, n: Nominee) => `${unitName(cycle, n.unitCode)} – ${n.awardName ?? AWARD_LABELS[n.award]}`;

/** The specialist's opinion on each nominee (thẩm định): recommend or not, with a note. */
export function AppraisalForm({ cycle, onChanged }: { cycle: CycleView; onChanged: () => unknown }) {
  const nominees = cycle.nominees.filter((n) => n.status === 'IN_APPRAISAL' || n.status === 'PROPOSED');
  const [opinions, setOpinions] = useState<Record<string, { recommend: boolean; note: string }>>(() =>
    Object.fromEntries(nominees.map((n) => [n.id, { recommend: true, note: '' }])),
  );
  const missingNote = nominees.some((n) => !opinions[n.id]?.recommend && !opinions[n.id]?.note.trim());
  const action = useAction(
    () =>
      appraise(
        cycle.cycleId,
        nominees.map((n) => ({
          nomineeId: n.id,
          recommend: opinions[n.id]?.recommend ?? true,
          ...(opinions[n.id]?.note.trim() ? { note: opinions[n.id].note.trim() } : {}),
        })),
      ),
    { success: 'Đã gửi kết quả thẩm định tới Trưởng phòng.', after: onChanged },
  );
  const set = (id: string, patch: Partial<{ recommend: boolean; note: string }>) =>
    setOpinions((all) => ({ ...all, [id]: { ...(all[id] ?? { recommend: true, note: '' }), ...patch } }));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!missingNote) void action.run();
      }}
    >
      <h3>Ý kiến thẩm định từng đề nghị</h3>
      {nominees.map((n) => (
        <fieldset key={n.id}>
          <legend>{nomineeLabel(cycle, n)}</legend>
          <Radio
            name={`rec-${n.id}`}
            value="yes"
            label="Đề xuất khen thưởng"
            checked={opinions[n.id]?.recommend ?? true}
            onSelect={() => set(n.id, { recommend: true })}
          />
          <Radio
            name={`rec-${n.id}`}
            value="no"
            label="Không đề xuất"
            checked={!(opinions[n.id]?.recommend ?? true)}
            onSelect={() => set(n.id, { recommend: false })}
          />
          <TextField
            label="Ghi chú thẩm định"
            value={opinions[n.id]?.note ?? ''}
            onValue={(v) => set(n.id, { note: v })}
            error={!opinions[n.id]?.recommend && !opinions[n.id]?.note.trim() ? 'Nêu lý do không đề xuất.' : null}
          />
        </fieldset>
      ))}
      <Button type="submit" busy={action.busy} disabled={missingNote || nominees.length === 0}>
        Gửi kết quả thẩm định
      </Button>
      <ActionStatus action={action} />
    </form>
  );
}

/** The provincial council's session, recorded by the head of the board as its secretary. */
export function CouncilVoteForm({ cycle, onChanged }: { cycle: CycleView; onChanged: () => unknown }) {
  const nominees = cycle.nominees.filter((n) => n.status === 'AWAITING_COUNCIL');
  const [sessionDate, setSessionDate] = useState(formatDate(todayVn()));
  const [total, setTotal] = useState('');
  const [present, setPresent] = useState('');
  const [votes, setVotes] = useState<Record<string, string>>({});
  const day = parseDateInput(sessionDate);
  const int = (v: string) => (/^\d+$/.test(v.trim()) ? Number(v.trim()) : null);
  const totalN = int(total);
  const presentN = int(present);
  const countError =
    totalN !== null && presentN !== null && presentN > totalN ? 'Số có mặt không thể lớn hơn tổng số thành viên.' : null;
  const voteError = (id: string) => {
    const v = int(votes[id] ?? '');
    if (v === null) return 'Nhập số phiếu đồng ý.';
    return presentN !== null && v > presentN ? 'Số phiếu không thể lớn hơn số thành viên có mặt.' : null;
  };
  const invalid = !day || !totalN || presentN === null || countError !== null || nominees.some((n) => voteError(n.id) !== null);
  const action = useAction(
    () =>
      recordCouncilVote(cycle.cycleId, {
        sessionDate: day ?? '',
        membersTotal: totalN ?? 0,
        membersPresent: presentN ?? 0,
        votes: nominees.map((n) => ({ nomineeId: n.id, votesFor: int(votes[n.id] ?? '') ?? 0 })),
      }),
    { success: 'Đã ghi kết quả bỏ phiếu của Hội đồng.', after: onChanged },
  );
  return (
    <Section title="Kết quả bỏ phiếu của Hội đồng Thi đua – Khen thưởng tỉnh">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!invalid) void action.run();
        }}
      >
        <div class="grid-3">
          <DateField label="Ngày họp Hội đồng" value={sessionDate} onValue={setSessionDate} required />
          <TextField label="Tổng số thành viên Hội đồng" value={total} onValue={setTotal} inputMode="numeric" required />
          <TextField
            label="Số thành viên có mặt"
            value={present}
            onValue={setPresent}
            inputMode="numeric"
            required
            error={countError}
          />
        </div>
        {nominees.map((n) => (
          <TextField
            key={n.id}
            label={`Số phiếu đồng ý: ${nomineeLabel(cycle, n)}`}
            value={votes[n.id] ?? ''}
            onValue={(v) => setVotes((all) => ({ ...all, [n.id]: v }))}
            inputMode="numeric"
            required
            error={votes[n.id] !== undefined ? voteError(n.id) : null}
          />
        ))}
        <Button type="submit" busy={action.busy} disabled={invalid}>
          Ghi kết quả Hội đồng
        </Button>
        <ActionStatus action={action} />
      </form>
    </Section>
  );
}

/** The chairman's decision, per nominee, with the decision's number and date. */
export function DecisionForm({ cycle, onChanged }: { cycle: CycleView; onChanged: () => unknown }) {
  const nominees = cycle.nominees.filter((n) => n.status === 'AWAITING_DECISION');
  const [number, setNumber] = useState('');
  const [date, setDate] = useState(formatDate(todayVn()));
  const [items, setItems] = useState<Record<string, { approve: boolean; reason: string }>>(() =>
    Object.fromEntries(nominees.map((n) => [n.id, { approve: true, reason: '' }])),
  );
  const [override, setOverride] = useState(false);
  const [overrideReason, setOverrideReason] = useState('');
  const [overrideRef, setOverrideRef] = useState('');
  const day = parseDateInput(date);
  const hasGovernmentFlag = nominees.some((n) => n.award === 'CO_THI_DUA_CHINH_PHU');
  const missingReason = nominees.some((n) => !items[n.id]?.approve && !items[n.id]?.reason.trim());
  const invalid = !number.trim() || !day || missingReason || (override && (!overrideReason.trim() || !overrideRef.trim()));
  const action = useAction(
    () =>
      decideAwards(cycle.cycleId, {
        decisionNumber: number.trim(),
        decisionDate: day ?? '',
        items: nominees.map((n) => ({
          nomineeId: n.id,
          approve: items[n.id]?.approve ?? true,
          ...(items[n.id]?.approve ? {} : { reason: items[n.id]?.reason.trim() }),
        })),
        ...(override ? { quotaOverride: { reason: overrideReason.trim(), documentRef: overrideRef.trim() } } : {}),
      }),
    { success: 'Đã ban hành quyết định khen thưởng.', after: onChanged },
  );
  const set = (id: string, patch: Partial<{ approve: boolean; reason: string }>) =>
    setItems((all) => ({ ...all, [id]: { ...(all[id] ?? { approve: true, reason: '' }), ...patch } }));
  return (
    <Section title="Quyết định khen thưởng của Chủ tịch UBND tỉnh">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!invalid) void action.run();
        }}
      >
        <div class="grid-2">
          <TextField label="Số quyết định" value={number} onValue={setNumber} required placeholder="125/QĐ-UBND" />
          <DateField label="Ngày quyết định" value={date} onValue={setDate} required />
        </div>
        {nominees.map((n) => (
          <fieldset key={n.id}>
            <legend>{nomineeLabel(cycle, n)}</legend>
            <Radio
              name={`dec-${n.id}`}
              value="yes"
              label="Khen thưởng"
              checked={items[n.id]?.approve ?? true}
              onSelect={() => set(n.id, { approve: true })}
            />
            <Radio
              name={`dec-${n.id}`}
              value="no"
              label="Không khen thưởng"
              checked={!(items[n.id]?.approve ?? true)}
              onSelect={() => set(n.id, { approve: false })}
            />
            {!items[n.id]?.approve ? (
              <TextField
                label="Lý do không khen thưởng"
                value={items[n.id]?.reason ?? ''}
                onValue={(v) => set(n.id, { reason: v })}
                required
                error={items[n.id]?.reason.trim() ? null : 'Phải nêu rõ lý do.'}
              />
            ) : null}
          </fieldset>
        ))}
        {hasGovernmentFlag ? (
          <fieldset>
            <legend>Cờ thi đua của Chính phủ vượt tỷ lệ 20%</legend>
            <Checkbox label="Đề nghị vượt tỷ lệ, có căn cứ" checked={override} onChange={setOverride} />
            {override ? (
              <>
                <TextField label="Căn cứ đề nghị vượt tỷ lệ" value={overrideReason} onValue={setOverrideReason} required />
                <TextField label="Văn bản căn cứ" value={overrideRef} onValue={setOverrideRef} required />
              </>
            ) : null}
          </fieldset>
        ) : null}
        <Button type="submit" busy={action.busy} busyLabel="Đang ban hành…" disabled={invalid}>
          Ban hành quyết định
        </Button>
        <ActionStatus action={action} />
      </form>
    </Section>
  );
}
