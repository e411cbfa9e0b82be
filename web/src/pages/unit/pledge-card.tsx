import { signPledge } from '../../api/endpoints';
import type { CycleView } from '../../api/types';
import { ActionStatus, Badge, Button, Section } from '../../components/ui';
import { formatDate, formatDateTime } from '../../lib/format';
import { useRecordDate } from '../../components/record-date';
import { useAction } from '../../lib/hooks';
import type { Acting } from '../../lib/inbox';

/** The pledge text (giao ước) and the plan; the unit head signs here. */
export function PledgeText({ cycle }: { cycle: CycleView }) {
  const launch = cycle.launch;
  if (!launch) return <p>Trưởng khối chưa phát động thi đua.</p>;
  return (
    <>
      <h3>Nội dung giao ước thi đua</h3>
      <blockquote class="pledge-text">{launch.pledgeText}</blockquote>
      <details>
        <summary>Kế hoạch thi đua năm {cycle.year}</summary>
        <p class="pre">{launch.plan}</p>
      </details>
      <p>
        Hạn ký giao ước: <strong>{formatDateTime(launch.pledgeDeadline)}</strong>
      </p>
    </>
  );
}

export function SignPledgeButton({ cycle, onSigned }: { cycle: CycleView; onSigned: () => unknown }) {
  const day = useRecordDate(cycle);
  const action = useAction(() => signPledge(cycle.cycleId, day.occurredOn), {
    success: 'Đơn vị đã ký giao ước thi đua.',
    after: onSigned,
  });
  return (
    <>
      {day.field}
      <Button busy={action.busy} busyLabel="Đang ký…" disabled={day.invalid} onClick={() => void action.run()}>
        Ký giao ước
      </Button>
      <ActionStatus action={action} />
    </>
  );
}

export function PledgeCard({ cycle, acting, onChanged }: { cycle: CycleView; acting: Acting; onChanged: () => unknown }) {
  const unit = acting.unitCode ?? '';
  const signed = cycle.pledges[unit];
  const late = cycle.lateUnits.PLEDGE?.includes(unit) ?? false;
  return (
    <Section title="Giao ước thi đua">
      <PledgeText cycle={cycle} />
      {signed ? (
        <p role="status">
          <Badge tone="ok">Đã ký</Badge> Đơn vị đã ký giao ước{' '}
          {signed.signedOn ? `ngày ${formatDate(signed.signedOn)}` : `lúc ${formatDateTime(signed.signedAt)}`}
          {late ? ' (sau hạn)' : ''}.
        </p>
      ) : cycle.phase === 'PLEDGE' ? (
        acting.role === 'UNIT_HEAD' ? (
          <SignPledgeButton cycle={cycle} onSigned={onChanged} />
        ) : (
          <p>Thủ trưởng đơn vị ký giao ước.</p>
        )
      ) : cycle.launch ? (
        <p>
          <Badge tone="danger">Chưa ký</Badge> {late ? 'Đơn vị đã quá hạn ký giao ước.' : ''}
        </p>
      ) : null}
    </Section>
  );
}
