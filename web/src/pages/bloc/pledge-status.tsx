import { closePledges } from '../../api/endpoints';
import type { CycleView } from '../../api/types';
import { DocumentDownloads } from '../../components/documents';
import { useRecordDate } from '../../components/record-date';
import { ActionStatus, Badge, Button, ProgressBar, Section, TableWrap } from '../../components/ui';
import { formatDate, formatDateTime } from '../../lib/format';
import { useAction } from '../../lib/hooks';
import type { Acting } from '../../lib/inbox';
import { SignPledgeButton } from '../unit/pledge-card';

/** Who has signed the pledge and who is late. */
export function PledgeStatus({ cycle, acting, onChanged }: { cycle: CycleView; acting: Acting; onChanged: () => unknown }) {
  const signed = cycle.units.filter((u) => cycle.pledges[u.code]).length;
  const late = new Set([
    ...(cycle.lateUnits.PLEDGE ?? []),
    ...cycle.unitProgress.filter((p) => p.pledgeLate).map((p) => p.unitCode),
  ]);
  const deadline = cycle.launch?.pledgeDeadline;
  const record = cycle.mode === 'RECORD';
  // A record's deadline passed long ago: only what happened on paper says who signed late.
  const pastDeadline = !record && deadline !== undefined && Date.now() > Date.parse(deadline);
  const own = acting.unitCode;
  return (
    <Section title="Ký giao ước thi đua">
      {!cycle.launch ? <p>Chưa phát động thi đua.</p> : <DocumentDownloads cycle={cycle} kinds={['giao-uoc']} />}
      {deadline ? (
        <p>
          Hạn ký: <strong>{formatDateTime(deadline)}</strong>
          {pastDeadline ? ' (đã hết hạn)' : ''}
        </p>
      ) : null}
      <ProgressBar value={signed} max={cycle.units.length} label="Đơn vị đã ký" />
      <TableWrap label="Tình hình ký giao ước">
        <table id="pledge-status">
          <caption>Tình hình ký giao ước của các đơn vị</caption>
          <thead>
            <tr>
              <th scope="col">Đơn vị</th>
              <th scope="col">Thời điểm ký</th>
              <th scope="col">Tình trạng</th>
            </tr>
          </thead>
          <tbody>
            {cycle.units.map((u) => {
              const signature = cycle.pledges[u.code];
              const isLate = late.has(u.code);
              return (
                <tr key={u.code} class={isLate ? 'row-late' : ''}>
                  <th scope="row">{u.name}</th>
                  <td>
                    {signature ? (signature.signedOn ? formatDate(signature.signedOn) : formatDateTime(signature.signedAt)) : '—'}
                  </td>
                  <td>
                    {signature ? <Badge tone="ok">Đã ký</Badge> : <Badge tone={pastDeadline ? 'danger' : 'warn'}>Chưa ký</Badge>}
                    {isLate ? <Badge tone="danger">Chậm</Badge> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      {cycle.phase === 'PLEDGE' && own && !cycle.pledges[own] && acting.role === 'UNIT_HEAD' ? (
        <div class="actions">
          <p>Đơn vị của bạn chưa ký giao ước.</p>
          <SignPledgeButton cycle={cycle} onSigned={onChanged} />
        </div>
      ) : null}
      {record && cycle.phase === 'PLEDGE' && own === cycle.leaderUnit && acting.role === 'UNIT_HEAD' ? (
        <ClosePledges cycle={cycle} onChanged={onChanged} />
      ) : null}
    </Section>
  );
}

/** RECORD: the Trưởng khối closes the pledge phase on the day it closed on paper (after its deadline). */
function ClosePledges({ cycle, onChanged }: { cycle: CycleView; onChanged: () => unknown }) {
  const day = useRecordDate(cycle);
  const action = useAction(() => closePledges(cycle.cycleId, day.occurredOn), {
    success: 'Đã kết thúc giai đoạn ký giao ước.',
    after: onChanged,
  });
  return (
    <div class="actions">
      {day.field}
      <Button kind="secondary" busy={action.busy} disabled={day.invalid} onClick={() => void action.run()}>
        Kết thúc giai đoạn ký giao ước
      </Button>
      <p class="hint">Khi còn đơn vị chưa ký: chỉ sau hạn ký giao ước; đơn vị chưa ký được ghi nhận chậm.</p>
      <ActionStatus action={action} />
    </div>
  );
}
