import { getUnitAwards, getUnitNominations } from '../../api/endpoints';
import { Empty, ErrorAlert, Loading, PageTitle, Section, TableWrap } from '../../components/ui';
import { formatDate } from '../../lib/format';
import { useResource } from '../../lib/hooks';

/**
 * The unit's award history (lịch sử khen thưởng), from the chairman's decisions, and every nomination of the unit with
 * where it stands: those not awarded show the reasons given against them (appraisal, council, decision).
 */
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
      <UnitNominations unitCode={unitCode} />
    </>
  );
}

function UnitNominations({ unitCode }: { unitCode: string }) {
  const list = useResource(() => getUnitNominations(unitCode), [unitCode]);
  return (
    <Section title="Các đề nghị khen thưởng của đơn vị">
      {!list.data ? (
        list.loading ? (
          <Loading />
        ) : (
          <ErrorAlert error={list.error} />
        )
      ) : list.data.nominations.length === 0 ? (
        <Empty>Đơn vị chưa có đề nghị khen thưởng nào.</Empty>
      ) : (
        <TableWrap label="Các đề nghị khen thưởng">
          <table id="unit-nominations">
            <caption>Các đề nghị khen thưởng, kể cả đề nghị không được chấp nhận</caption>
            <thead>
              <tr>
                <th scope="col">Năm</th>
                <th scope="col">Hình thức</th>
                <th scope="col">Đề nghị bởi</th>
                <th scope="col">Kết quả</th>
                <th scope="col">Lý do</th>
              </tr>
            </thead>
            <tbody>
              {list.data.nominations.map((n) => (
                <tr key={n.id}>
                  <td>{n.year}</td>
                  <th scope="row">{n.awardName}</th>
                  <td>{n.blocName ?? n.proposer ?? n.sourceName}</td>
                  <td>
                    {n.statusName}
                    {n.decisionNumber ? ` (Quyết định ${n.decisionNumber} ngày ${formatDate(n.decisionDate)})` : ''}
                  </td>
                  <td>{n.reasons.length > 0 ? n.reasons.map((r) => r.text).join('; ') : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Section>
  );
}
