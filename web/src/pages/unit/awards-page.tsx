import { getUnitAwards } from '../../api/endpoints';
import { Empty, ErrorAlert, Loading, PageTitle, TableWrap } from '../../components/ui';
import { formatDate } from '../../lib/format';
import { useResource } from '../../lib/hooks';

/** The unit's award history (lịch sử khen thưởng), from the chairman's decisions. */
export function AwardsPage({ unitCode }: { unitCode: string }) {
  const awards = useResource(() => getUnitAwards(unitCode), [unitCode]);
  return (
    <>
      <PageTitle sub={awards.data?.unitName}>Lịch sử khen thưởng của đơn vị</PageTitle>
      {!awards.data ? (
        awards.loading ? (
          <Loading />
        ) : (
          <ErrorAlert error={awards.error} />
        )
      ) : awards.data.awards.length === 0 ? (
        <Empty>Đơn vị chưa có khen thưởng nào được ghi nhận.</Empty>
      ) : (
        <TableWrap label="Các hình thức khen thưởng">
          <table id="award-history">
            <caption>Các hình thức khen thưởng đã nhận</caption>
            <thead>
              <tr>
                <th scope="col">Năm</th>
                <th scope="col">Hình thức</th>
                <th scope="col">Quyết định số</th>
                <th scope="col">Ngày quyết định</th>
              </tr>
            </thead>
            <tbody>
              {awards.data.awards.map((a) => (
                <tr key={`${a.year}-${a.award}-${a.awardedTo}`}>
                  <td>{a.year}</td>
                  <th scope="row">
                    {a.awardName}
                    {a.awardedTo !== awards.data?.unitCode && ' (tặng cho đơn vị tiền thân, trước khi đổi tên hoặc hợp nhất)'}
                  </th>
                  <td>{a.decisionNumber}</td>
                  <td>{formatDate(a.decisionDate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
