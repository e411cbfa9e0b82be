import { useState } from 'preact/hooks';
import { appraise, decideAwards, recordCouncilVote } from '../../api/endpoints';
import type { CycleView, Nominee } from '../../api/types';
import { ActionStatus, Button, Checkbox, DateField, Radio, Section, TextField } from '../../components/ui';
import { formatDate, parseDateInput, todayVn } from '../../lib/format';
import { useRecordDate } from '../../components/record-date';
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
  const day = useRecordDate(cycle);
  const action = useAction(
    () =>
      appraise(
        cycle.cycleId,
        nominees.map((n) => ({
          nomineeId: n.id,
          recommend: opinions[n.id]?.recommend ?? true,
          ...(opinions[n.id]?.note.trim() ? { note: opinions[n.id].note.trim() } : {}),
        })),
        day.occurredOn,
      ),
    { success: 'Đã gửi kết quả thẩm định tới Trưởng phòng.', after: onChanged },
  );
  const set = (id: string, patch: Partial<{ recommend: boolean; note: string }>) =>
    setOpinions((all) => ({ ...all, [id]: { ...(all[id] ?? { recommend: true, note: '' }), ...patch } }));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!missingNote && !day.invalid) void action.run();
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
      {day.field}
      <Button type="submit" busy={action.busy} disabled={missingNote || nominees.length === 0 || day.invalid}>
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

/** What the chairman chose for one nominee: nothing yet (each must be chosen), to award, or not (with a reason). */
type Choice = { approve: boolean | null; reason: string };

/**
 * The chairman's decision, per nominee, with the decision's number and date. Nothing is preselected: each nominee is
 * chosen, and the decision is issued only after a confirmation that says what will be issued.
 */
export function DecisionForm({ cycle, onChanged }: { cycle: CycleView; onChanged: () => unknown }) {
  const nominees = cycle.nominees.filter((n) => n.status === 'AWAITING_DECISION');
  const [number, setNumber] = useState('');
  const [date, setDate] = useState(formatDate(todayVn()));
  const [items, setItems] = useState<Record<string, Choice>>({});
  const [confirming, setConfirming] = useState(false);
  const [override, setOverride] = useState(false);
  const [overrideReason, setOverrideReason] = useState('');
  const [overrideRef, setOverrideRef] = useState('');
  const day = parseDateInput(date);
  const choice = (id: string): Choice => items[id] ?? { approve: null, reason: '' };
  const hasGovernmentFlag = nominees.some((n) => n.award === 'CO_THI_DUA_CHINH_PHU');
  const unchosen = nominees.filter((n) => choice(n.id).approve === null).length;
  const missingReason = nominees.some((n) => choice(n.id).approve === false && !choice(n.id).reason.trim());
  const invalid =
    !number.trim() || !day || unchosen > 0 || missingReason || (override && (!overrideReason.trim() || !overrideRef.trim()));
  const approved = nominees.filter((n) => choice(n.id).approve === true);
  const refused = nominees.filter((n) => choice(n.id).approve === false);
  const action = useAction(
    () =>
      decideAwards(cycle.cycleId, {
        decisionNumber: number.trim(),
        decisionDate: day ?? '',
        items: nominees.map((n) => ({
          nomineeId: n.id,
          approve: choice(n.id).approve === true,
          ...(choice(n.id).approve === true ? {} : { reason: choice(n.id).reason.trim() }),
        })),
        ...(override ? { quotaOverride: { reason: overrideReason.trim(), documentRef: overrideRef.trim() } } : {}),
      }),
    { success: 'Đã ban hành quyết định khen thưởng.', after: onChanged },
  );
  const set = (id: string, patch: Partial<Choice>) => {
    setConfirming(false);
    setItems((all) => ({ ...all, [id]: { ...choice(id), ...(all[id] ?? {}), ...patch } }));
  };
  return (
    <Section title="Quyết định khen thưởng của Chủ tịch UBND tỉnh">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!invalid) setConfirming(true);
        }}
      >
        <div class="grid-2">
          <TextField
            label="Số quyết định"
            value={number}
            onValue={(v) => {
              setConfirming(false);
              setNumber(v);
            }}
            required
            placeholder="125/QĐ-UBND"
          />
          <DateField
            label="Ngày quyết định"
            value={date}
            onValue={(v) => {
              setConfirming(false);
              setDate(v);
            }}
            required
          />
        </div>
        {nominees.map((n) => (
          <fieldset key={n.id}>
            <legend>{nomineeLabel(cycle, n)}</legend>
            <Radio
              name={`dec-${n.id}`}
              value="yes"
              label="Khen thưởng"
              checked={choice(n.id).approve === true}
              onSelect={() => set(n.id, { approve: true })}
            />
            <Radio
              name={`dec-${n.id}`}
              value="no"
              label="Không khen thưởng"
              checked={choice(n.id).approve === false}
              onSelect={() => set(n.id, { approve: false })}
            />
            {choice(n.id).approve === false ? (
              <TextField
                label="Lý do không khen thưởng"
                value={choice(n.id).reason}
                onValue={(v) => set(n.id, { reason: v })}
                required
                error={choice(n.id).reason.trim() ? null : 'Phải nêu rõ lý do.'}
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
        {unchosen > 0 ? (
          <p class="muted" id="decision-unchosen">
            Còn {unchosen}/{nominees.length} đề nghị chưa chọn khen thưởng hay không khen thưởng.
          </p>
        ) : null}
        {confirming && !invalid ? (
          <div class="alert alert-warn" role="alertdialog" aria-labelledby="decision-confirm-title" id="decision-confirm">
            <p id="decision-confirm-title">
              <strong>
                Ban hành Quyết định số {number.trim()} ngày {formatDate(day)}: khen thưởng {approved.length} đề nghị, không khen
                thưởng {refused.length} đề nghị.
              </strong>
            </p>
            <ul>
              {approved.map((n) => (
                <li key={n.id}>Khen thưởng: {nomineeLabel(cycle, n)}</li>
              ))}
              {refused.map((n) => (
                <li key={n.id}>
                  Không khen thưởng: {nomineeLabel(cycle, n)} – {choice(n.id).reason.trim()}
                </li>
              ))}
            </ul>
            <p>Quyết định đã ban hành không sửa được trên hệ thống.</p>
            <div class="actions">
              <Button busy={action.busy} busyLabel="Đang ban hành…" onClick={() => void action.run()}>
                Xác nhận ban hành
              </Button>
              <Button kind="secondary" disabled={action.busy} onClick={() => setConfirming(false)}>
                Quay lại sửa
              </Button>
            </div>
          </div>
        ) : (
          <Button type="submit" disabled={invalid}>
            Ban hành quyết định
          </Button>
        )}
        <ActionStatus action={action} />
      </form>
    </Section>
  );
}
