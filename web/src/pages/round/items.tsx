import { Badge, Empty, TableWrap } from '../../components/ui';
import { AWARDS, NOMINEE_STATUS_LABELS } from '../../lib/labels';
import { awardName, originOf, type RoundItem } from '../../lib/round';

const tone = (status: RoundItem['status']) =>
  status === 'APPROVED' || status === 'FORWARDED'
    ? 'ok'
    : status === 'REJECTED' || status === 'COUNCIL_REJECTED' || status === 'NOT_RECOMMENDED'
      ? 'danger'
      : 'info';

export function StatusBadge({ item }: { item: RoundItem }) {
  return <Badge tone={tone(item.status)}>{NOMINEE_STATUS_LABELS[item.status]}</Badge>;
}

/** Items by where they came from (each bloc, then the direct proposals), and by award within each. */
export function groupByOrigin(items: RoundItem[], blocNames: Map<string, string>): { origin: string; items: RoundItem[] }[] {
  const groups = new Map<string, RoundItem[]>();
  const sorted = [...items].sort(
    (a, b) =>
      Number(a.source === 'DIRECT') - Number(b.source === 'DIRECT') ||
      AWARDS.indexOf(a.award) - AWARDS.indexOf(b.award) ||
      (a.unitName ?? a.unitCode).localeCompare(b.unitName ?? b.unitCode, 'vi'),
  );
  for (const item of sorted) {
    const origin = item.source === 'DIRECT' ? 'Đề nghị trực tiếp của cơ quan, đơn vị' : originOf(item, blocNames);
    groups.set(origin, [...(groups.get(origin) ?? []), item]);
  }
  return [...groups].map(([origin, list]) => ({ origin, items: list }));
}

/** The round's line items, grouped by bloc and award, with the appraisal's note and the latest reason against each. */
export function ItemsByOrigin({ items, blocNames }: { items: RoundItem[]; blocNames: Map<string, string> }) {
  if (items.length === 0) return <Empty>Đợt xét chưa có đề nghị nào.</Empty>;
  return (
    <>
      {groupByOrigin(items, blocNames).map((group) => (
        <TableWrap key={group.origin} label={group.origin}>
          <table>
            <caption>{group.origin}</caption>
            <thead>
              <tr>
                <th scope="col">Đơn vị</th>
                <th scope="col">Hình thức khen thưởng</th>
                {group.items.some((i) => i.source === 'DIRECT') ? <th scope="col">Cơ quan đề nghị</th> : null}
                <th scope="col">Ý kiến thẩm định</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Lý do</th>
              </tr>
            </thead>
            <tbody>
              {group.items.map((item) => (
                <tr key={item.id}>
                  <th scope="row">{item.unitName ?? item.unitCode}</th>
                  <td>{awardName(item)}</td>
                  {group.items.some((i) => i.source === 'DIRECT') ? <td>{item.proposer}</td> : null}
                  <td>
                    {item.appraisal
                      ? `${item.appraisal.recommend ? 'Đề xuất' : 'Không đề xuất'}${item.appraisal.note ? `: ${item.appraisal.note}` : ''}`
                      : 'Chưa thẩm định'}
                  </td>
                  <td>
                    <StatusBadge item={item} />
                  </td>
                  <td>{item.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ))}
    </>
  );
}
