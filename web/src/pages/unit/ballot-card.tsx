import { useEffect, useState } from 'preact/hooks';
import { castBallot } from '../../api/endpoints';
import type { AwardType, BallotState, CycleView } from '../../api/types';
import { TallyView } from '../../components/tally';
import { ActionStatus, Badge, Button, Checkbox, Radio, Section } from '../../components/ui';
import { receiptOf } from '../../lib/ballot-keys';
import { pendingVote, receiptStorageKey } from '../../lib/ballot-storage';
import { useAction } from '../../lib/hooks';
import type { Acting } from '../../lib/inbox';
import { AWARD_LABELS, AWARDS, unitName } from '../../lib/labels';

/** The unit head's secret ballot: one paper per unit and round; what it says is never shown back. */
export function BallotCard({ cycle, acting, onChanged }: { cycle: CycleView; acting: Acting; onChanged: () => unknown }) {
  const [dirty, setDirty] = useState(false);
  const unit = acting.unitCode ?? '';
  const ballot = cycle.ballot;
  if (!cycle.conference && !cycle.minutes) return null;
  const present = cycle.conference?.present.includes(unit) ?? false;
  const voted = ballot?.voted.includes(unit) ?? false;
  return (
    <Section title="Bỏ phiếu suy tôn và bầu Trưởng, Phó khối">
      {!ballot ? <p>Trưởng khối chưa mở bỏ phiếu.</p> : null}
      {ballot?.status === 'OPEN' && !present ? <p>Đơn vị vắng mặt tại hội nghị nên không bỏ phiếu.</p> : null}
      {ballot?.status === 'OPEN' && present && voted && !dirty ? (
        <p role="status">
          <Badge tone="ok">Đã bỏ phiếu</Badge> Đơn vị đã bỏ phiếu{ballot.round > 1 ? ` vòng ${ballot.round}` : ''}. Kết quả được
          công bố sau khi Trưởng khối kết thúc bỏ phiếu.
        </p>
      ) : null}
      {ballot?.status === 'OPEN' && present && (!voted || dirty) ? (
        acting.role === 'UNIT_HEAD' ? (
          <BallotForm
            cycle={cycle}
            unit={unit}
            ballot={ballot}
            alreadyVoted={voted}
            onDirty={() => setDirty(true)}
            onCast={() => {
              setDirty(false);
              return onChanged();
            }}
          />
        ) : (
          <p>Thủ trưởng đơn vị bỏ phiếu.</p>
        )
      ) : null}
      {ballot?.status === 'AWAITING_TIE_DECISION' ? <p>Còn trường hợp bằng phiếu; Trưởng khối và Phó khối quyết định.</p> : null}
      {ballot ? <Receipts cycle={cycle} unit={unit} /> : null}
      {cycle.minutes ? <TallyView cycle={cycle} minutes={cycle.minutes} /> : null}
    </Section>
  );
}

/** A vote's key on this device: the unit and, after a restarted round, which run of it. */
const voterKey = (unit: string, ballot: BallotState) => `${unit}.${ballot.restarts ?? 0}`;

/** The unit's receipt codes, kept on this device, and whether the published count holds each one. */
function Receipts({ cycle, unit }: { cycle: CycleView; unit: string }) {
  const ballot = cycle.ballot as BallotState;
  const [receipts, setReceipts] = useState<{ round: number; receipt: string }[]>([]);
  useEffect(() => {
    const found: { round: number; receipt: string }[] = [];
    for (let round = 1; round <= ballot.round; round++) {
      for (let run = 0; run <= (ballot.restarts ?? 0); run++) {
        const receipt = localStorage.getItem(receiptStorageKey(cycle.cycleId, `${unit}.${run}`, round));
        if (receipt) found.push({ round, receipt });
      }
    }
    setReceipts(found);
    // Read again with every view of the cycle: the view showing this unit's vote may arrive before the vote's own answer
    // has stored the receipt on this device (a followed page hears of the change as soon as it is written).
  }, [cycle, unit]);
  if (receipts.length === 0) return null;
  const rounds = cycle.minutes?.rounds ?? (cycle.minutes ? [cycle.minutes.voteCount] : []);
  return (
    <ul class="receipts" aria-label="Mã biên nhận phiếu">
      {receipts.map(({ round, receipt }) => {
        const papers = rounds[round - 1]?.papers;
        const counted = papers?.some((p) => p.receipt === receipt);
        return (
          <li key={`${round}.${receipt}`}>
            Mã biên nhận phiếu vòng {round}: <code>{receipt}</code>
            {papers === undefined ? null : counted ? (
              <Badge tone="ok">Có trong kết quả kiểm phiếu</Badge>
            ) : (
              <Badge tone="warn">Không có trong kết quả kiểm phiếu</Badge>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function BallotForm({
  cycle,
  unit,
  ballot,
  alreadyVoted,
  onDirty,
  onCast,
}: {
  cycle: CycleView;
  unit: string;
  ballot: BallotState;
  alreadyVoted: boolean;
  onDirty: () => void;
  onCast: () => unknown;
}) {
  const [choices, setChoices] = useState<Partial<Record<AwardType, string[]>>>({});
  const [leader, setLeader] = useState('');
  const [deputy, setDeputy] = useState('');
  const awards = AWARDS.filter((a) => (ballot.candidates[a]?.length ?? 0) > 0);
  const over = awards.filter((a) => ballot.slots?.[a] !== undefined && (choices[a]?.length ?? 0) > (ballot.slots[a] ?? 0));
  const sameSeat = leader !== '' && leader === deputy;
  const action = useAction(
    async () => {
      // One request id and receipt secret per unit and round, kept in this tab: a retry is the same vote.
      const key = voterKey(unit, ballot);
      const pending = pendingVote(cycle.cycleId, key, ballot.round);
      const answer = await castBallot(
        cycle.cycleId,
        {
          choices,
          ...(leader ? { nextLeader: leader } : {}),
          ...(deputy ? { nextDeputy: deputy } : {}),
          receiptSecret: pending.receiptSecret,
        },
        pending.requestId,
      );
      const receipt = await receiptOf(pending.receiptSecret);
      localStorage.setItem(receiptStorageKey(cycle.cycleId, key, ballot.round), receipt);
      return answer;
    },
    {
      success: 'Đã bỏ phiếu. Phiếu được niêm phong, không gắn với tên đơn vị; mã biên nhận phiếu hiện bên dưới.',
      after: onCast,
    },
  );
  const toggle = (award: AwardType, unit: string, on: boolean) => {
    onDirty();
    setChoices((all) => {
      const current = all[award] ?? [];
      return { ...all, [award]: on ? [...current, unit] : current.filter((u) => u !== unit) };
    });
  };
  const invalid = over.length > 0 || sameSeat;
  return (
    <form
      class="ballot-form"
      aria-label="Phiếu bầu"
      onSubmit={(e) => {
        e.preventDefault();
        if (!invalid) void action.run();
      }}
    >
      <p class="hint">Bỏ phiếu kín: phiếu không ghi tên đơn vị bỏ phiếu; phiếu đã gửi không sửa được.</p>
      {alreadyVoted ? (
        <p class="alert alert-warn">Hệ thống ghi nhận đơn vị đã bỏ phiếu vòng này (có thể từ một phiên đăng nhập khác).</p>
      ) : null}
      {awards.map((award) => {
        const slots = ballot.slots?.[award];
        const chosen = choices[award] ?? [];
        return (
          <fieldset key={award} class={over.includes(award) ? 'field-invalid' : ''}>
            <legend>
              {AWARD_LABELS[award]}
              {slots !== undefined ? ` – chọn tối đa ${slots} đơn vị` : ''}
            </legend>
            {(ballot.candidates[award] ?? []).map((u) => (
              <Checkbox
                key={u}
                name={award}
                value={u}
                label={unitName(cycle, u)}
                checked={chosen.includes(u)}
                onChange={(on) => toggle(award, u, on)}
              />
            ))}
            <p class={over.includes(award) ? 'field-error' : 'hint'} aria-live="polite">
              Đã chọn {chosen.length}
              {slots !== undefined ? `/${slots}` : ''} đơn vị{over.includes(award) ? ': vượt quá số lượng được chọn.' : '.'}
            </p>
          </fieldset>
        );
      })}
      <SeatChoice
        cycle={cycle}
        title={`Trưởng khối năm ${cycle.year + 1}`}
        name="nextLeader"
        units={ballot.leaderCandidates}
        value={leader}
        onValue={(v) => {
          onDirty();
          setLeader(v);
        }}
      />
      <SeatChoice
        cycle={cycle}
        title={`Phó khối năm ${cycle.year + 1}`}
        name="nextDeputy"
        units={ballot.deputyCandidates}
        value={deputy}
        onValue={(v) => {
          onDirty();
          setDeputy(v);
        }}
      />
      {sameSeat ? <p class="field-error">Một đơn vị không thể vừa là Trưởng khối vừa là Phó khối.</p> : null}
      <Button type="submit" busy={action.busy} busyLabel="Đang gửi phiếu…" disabled={invalid}>
        Gửi phiếu bầu
      </Button>
      <ActionStatus action={action} />
    </form>
  );
}

function SeatChoice({
  cycle,
  title,
  name,
  units,
  value,
  onValue,
}: {
  cycle: CycleView;
  title: string;
  name: string;
  units: string[];
  value: string;
  onValue: (unit: string) => void;
}) {
  if (units.length === 0) return null;
  return (
    <fieldset>
      <legend>{title}</legend>
      {units.map((u) => (
        <Radio key={u} name={name} value={u} label={unitName(cycle, u)} checked={value === u} onSelect={onValue} />
      ))}
      <Radio name={name} value="" label="Không chọn" checked={value === ''} onSelect={onValue} />
    </fieldset>
  );
}
