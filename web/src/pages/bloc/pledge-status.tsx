import type { CycleView } from '../../api/types';
import { Badge, ProgressBar, Section, TableWrap } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
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
  const pastDeadline = deadline !== undefined && Date.now() > Date.parse(deadline);
  const own = acting.unitCode;
  return (
    <Section title="Ký giao ước thi đua">
      {!cycle.launch ? <p>Chưa phát động thi đua.</p> : null}
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
                  <td>{signature ? formatDateTime(signature.signedAt) : '—'}</td>
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
    </Section>
  );
}
