import { listCycles } from '../api/endpoints';
import type { CycleSummary, Me } from '../api/types';
import { Badge, Empty, ErrorAlert, Loading, PageTitle, TableWrap } from '../components/ui';
import { formatDateTime } from '../lib/format';
import { useResource } from '../lib/hooks';
import { PHASE_LABELS } from '../lib/labels';
import { Link } from '../lib/router';
import { actingOf } from '../lib/session';

/** Every cycle the person can see, with the pages their role works in. */
export function CyclesPage({ me }: { me: Me }) {
  const acting = actingOf(me);
  const cycles = useResource(
    () => listCycles(acting.provinceCode ? { provinceCode: acting.provinceCode } : {}),
    [acting.provinceCode],
  );
  return (
    <>
      <PageTitle>Chu kỳ thi đua</PageTitle>
      {!cycles.data ? (
        cycles.loading ? (
          <Loading />
        ) : (
          <ErrorAlert error={cycles.error} />
        )
      ) : cycles.data.length === 0 ? (
        <Empty>Chưa có chu kỳ thi đua nào.</Empty>
      ) : (
        <TableWrap label="Danh sách chu kỳ thi đua">
          <table>
            <thead>
              <tr>
                <th scope="col">Khối thi đua</th>
                <th scope="col">Năm</th>
                <th scope="col">Giai đoạn</th>
                <th scope="col">Cập nhật</th>
                <th scope="col">Trang</th>
              </tr>
            </thead>
            <tbody>
              {cycles.data.map((c) => (
                <CycleRow
                  key={c.cycleId}
                  cycle={c}
                  unit={acting.unitCode !== undefined}
                  admin={acting.role === 'ADMIN' || acting.role === 'AUDITOR'}
                />
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}

function CycleRow({ cycle, unit, admin }: { cycle: CycleSummary; unit: boolean; admin: boolean }) {
  const id = encodeURIComponent(cycle.cycleId);
  return (
    <tr>
      <th scope="row">{cycle.blocName}</th>
      <td>{cycle.year}</td>
      <td>
        <Badge tone={cycle.status === 'COMPLETED' ? 'ok' : 'info'}>{PHASE_LABELS[cycle.phase]}</Badge>
      </td>
      <td>{formatDateTime(cycle.updatedAt)}</td>
      <td class="links">
        {unit ? <Link href={`/cycles/${id}/unit`}>Đơn vị</Link> : null}
        {unit ? <Link href={`/cycles/${id}/bloc`}>Khối</Link> : null}
        {!unit ? <Link href={`/cycles/${id}/board`}>Hồ sơ khen thưởng</Link> : null}
        {admin ? <Link href={`/admin/cycles/${id}`}>Lịch sử</Link> : null}
      </td>
    </tr>
  );
}
