import { listRounds } from '../../api/endpoints';
import type { Me } from '../../api/types';
import { Badge, Empty, ErrorAlert, Loading, PageTitle, TableWrap } from '../../components/ui';
import { formatDate } from '../../lib/format';
import { useResource } from '../../lib/hooks';
import { Link } from '../../lib/router';
import { actingOf } from '../../lib/session';

/** The province's award rounds the person may see (the board, the council, the chairman). */
export function RoundsPage({ me }: { me: Me }) {
  const acting = actingOf(me);
  const rounds = useResource(
    () => listRounds(acting.provinceCode ? { provinceCode: acting.provinceCode } : {}),
    [acting.provinceCode],
  );
  return (
    <>
      <PageTitle sub="Tiếp nhận đề nghị của các khối và cơ quan, thẩm định, Hội đồng xét, Chủ tịch UBND tỉnh quyết định">
        Đợt xét khen thưởng của tỉnh
      </PageTitle>
      {!rounds.data ? (
        rounds.loading ? (
          <Loading />
        ) : (
          <ErrorAlert error={rounds.error} />
        )
      ) : rounds.data.length === 0 ? (
        <Empty>Chưa có đợt xét khen thưởng nào.</Empty>
      ) : (
        <TableWrap label="Danh sách đợt xét khen thưởng">
          <table>
            <thead>
              <tr>
                <th scope="col">Đợt xét</th>
                <th scope="col">Số đề nghị</th>
                <th scope="col">Ngày mở</th>
                <th scope="col">Trạng thái</th>
              </tr>
            </thead>
            <tbody>
              {rounds.data.map((r) => (
                <tr key={r.roundId}>
                  <th scope="row">
                    <Link href={`/rounds/${encodeURIComponent(r.roundId)}`}>
                      Đợt {r.n} năm {r.year}
                    </Link>
                  </th>
                  <td>{r.items}</td>
                  <td>{formatDate(r.openedAt)}</td>
                  <td>
                    <Badge tone={r.status === 'OPEN' ? 'info' : 'ok'}>{r.status === 'OPEN' ? 'Đang xét' : 'Đã kết thúc'}</Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
