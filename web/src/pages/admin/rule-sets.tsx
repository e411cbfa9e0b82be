import { useState } from 'preact/hooks';
import { listBlocs, listRuleSets } from '../../api/endpoints';
import type { AwardType, RuleSetView } from '../../api/types';
import { Badge, Empty, ErrorAlert, Loading, Section, SelectField, TableWrap } from '../../components/ui';
import { formatDate, formatDateTime, todayVn } from '../../lib/format';
import { useResource } from '../../lib/hooks';
import { AWARD_LABELS, AWARDS } from '../../lib/labels';

/** The province's rule sets (read): legal basis, period in force, the values that matter most. */
export function RuleSetsPanel() {
  const blocs = useResource(() => listBlocs(), []);
  const provinces = [...new Set((blocs.data ?? []).map((b) => b.provinceCode))];
  const [province, setProvince] = useState('');
  const shown = province || provinces[0] || '';
  const sets = useResource(() => (shown ? listRuleSets(shown) : Promise.resolve([])), [shown]);
  if (!blocs.data) return blocs.loading ? <Loading /> : <ErrorAlert error={blocs.error} />;
  return (
    <>
      {provinces.length > 1 ? (
        <SelectField label="Tỉnh" value={shown} onValue={setProvince} options={provinces.map((p) => ({ value: p, label: p }))} />
      ) : null}
      {!sets.data ? sets.loading ? <Loading /> : <ErrorAlert error={sets.error} /> : null}
      {sets.data?.length === 0 ? <Empty>Tỉnh chưa có bộ quy tắc nào.</Empty> : null}
      {sets.data?.map((set) => (
        <RuleSetCard key={set.version} set={set} />
      ))}
    </>
  );
}

function RuleSetCard({ set }: { set: RuleSetView }) {
  const today = todayVn();
  const inForce = set.validFrom <= today && (set.validTo === null || today <= set.validTo);
  const awards = set.rules.awards ?? {};
  return (
    <Section title={`Bộ quy tắc ${set.version}`}>
      <p>
        Hiệu lực từ {formatDate(set.validFrom)} {set.validTo ? `đến ${formatDate(set.validTo)}` : '(không thời hạn)'}{' '}
        {inForce ? <Badge tone="ok">Đang áp dụng</Badge> : null}
      </p>
      <h3>Căn cứ</h3>
      <ul>
        {set.legalBasis.map((b) => (
          <li key={b}>{b}</li>
        ))}
      </ul>
      <dl class="facts">
        {set.rules.receivingAgencyName ? (
          <>
            <dt>Cơ quan tiếp nhận hồ sơ</dt>
            <dd>{set.rules.receivingAgencyName}</dd>
          </>
        ) : null}
        {set.rules.conference?.quorumRatio !== undefined ? (
          <>
            <dt>Tỷ lệ tham dự tối thiểu của hội nghị</dt>
            <dd>{Math.round(set.rules.conference.quorumRatio * 100)}%</dd>
          </>
        ) : null}
        {set.rules.deadlines?.appraisalWorkingDays !== undefined ? (
          <>
            <dt>Thời hạn thẩm định</dt>
            <dd>{set.rules.deadlines.appraisalWorkingDays} ngày làm việc</dd>
          </>
        ) : null}
      </dl>
      <TableWrap label={`Hình thức khen thưởng theo ${set.version}`}>
        <table>
          <caption>Hình thức khen thưởng</caption>
          <thead>
            <tr>
              <th scope="col">Hình thức</th>
              <th scope="col">Tên tại tỉnh</th>
              <th scope="col" class="num">
                Ngưỡng phiếu
              </th>
              <th scope="col" class="num">
                Tối đa mỗi khối
              </th>
            </tr>
          </thead>
          <tbody>
            {AWARDS.filter((a: AwardType) => awards[a]).map((a) => {
              const rule = awards[a];
              return (
                <tr key={a}>
                  <th scope="row">{AWARD_LABELS[a]}</th>
                  <td>
                    {rule?.displayName} {rule?.enabled ? null : <Badge>Không áp dụng</Badge>}
                  </td>
                  <td class="num">{rule ? `${Math.round(rule.threshold * 100)}%` : ''}</td>
                  <td class="num">{rule?.maxPerBloc}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      <p class="muted">
        Cập nhật lần cuối {formatDateTime(set.updatedAt)} bởi {set.updatedBy}. Sửa bộ quy tắc qua API (PUT
        /v1/provinces/…/rule-sets/…).
      </p>
    </Section>
  );
}
