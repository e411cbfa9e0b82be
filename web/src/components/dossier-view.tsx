import type { CycleView, Nominee } from '../api/types';
import { formatDate, formatDateTime } from '../lib/format';
import { AWARD_LABELS, DOSSIER_STATUS_LABELS, NOMINEE_STATUS_LABELS, unitName } from '../lib/labels';
import { FileLink } from './files';
import { EvidenceList } from './score-table';
import { Badge, TableWrap } from './ui';

const nomineeTone = (n: Nominee) =>
  n.status === 'APPROVED' || n.status === 'FORWARDED'
    ? 'ok'
    : n.status === 'REJECTED' || n.status === 'NOT_RECOMMENDED' || n.status === 'COUNCIL_REJECTED'
      ? 'danger'
      : 'info';

export function NomineeStatusBadge({ nominee }: { nominee: Nominee }) {
  return <Badge tone={nomineeTone(nominee)}>{NOMINEE_STATUS_LABELS[nominee.status]}</Badge>;
}

/** The nominees of the cycle with where each stands (votes, appraisal, council, decision). */
export function NomineesTable({ cycle, caption = 'Các đề nghị khen thưởng' }: { cycle: CycleView; caption?: string }) {
  if (cycle.nominees.length === 0) return <p>Chưa có đề nghị khen thưởng (sau khi kiểm phiếu).</p>;
  return (
    <TableWrap label={caption}>
      <table id="nominees">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Đơn vị</th>
            <th scope="col">Hình thức</th>
            <th scope="col" class="num">
              Phiếu tại khối
            </th>
            <th scope="col">Thẩm định</th>
            <th scope="col">Hội đồng</th>
            <th scope="col">Trạng thái</th>
          </tr>
        </thead>
        <tbody>
          {cycle.nominees.map((n) => (
            <tr key={n.id}>
              <th scope="row">{unitName(cycle, n.unitCode)}</th>
              <td>{n.awardName ?? AWARD_LABELS[n.award]}</td>
              <td class="num">{n.ballotVotes}</td>
              <td>
                {n.appraisal
                  ? (n.appraisal.recommend ? 'Đề xuất' : 'Không đề xuất') + (n.appraisal.note ? `: ${n.appraisal.note}` : '')
                  : '—'}
              </td>
              <td>
                {n.council
                  ? `${n.council.votesFor} phiếu (cần ${n.council.required})${n.council.passed ? ', thông qua' : ', không thông qua'}`
                  : '—'}
              </td>
              <td>
                <NomineeStatusBadge nominee={n} />
                {n.decision ? (
                  <span class="muted">
                    {' '}
                    QĐ {n.decision.number} ngày {formatDate(n.decision.date)}
                    {n.decision.reason ? ` – ${n.decision.reason}` : ''}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** Eligibility checks kept on each nominee when the ballot opened, with their legal basis. */
export function EligibilityList({ cycle }: { cycle: CycleView }) {
  const withChecks = cycle.nominees.filter((n) => (n.eligibility?.length ?? 0) > 0);
  if (withChecks.length === 0) return null;
  return (
    <details>
      <summary>Kiểm tra điều kiện khen thưởng của từng đơn vị</summary>
      {withChecks.map((n) => (
        <div key={n.id}>
          <h4>
            {unitName(cycle, n.unitCode)} – {n.awardName ?? AWARD_LABELS[n.award]}
          </h4>
          <ul>
            {(n.eligibility ?? []).map((c, i) => (
              <li key={i}>
                {c.passed ? <Badge tone="ok">Đạt</Badge> : <Badge tone="danger">Không đạt</Badge>} {c.clause}
                {c.requirement ? <span class="muted"> – {c.requirement}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </details>
  );
}

/** The dossier as submitted: tờ trình, achievement reports, status and the board's returns. */
export function DossierView({ cycle }: { cycle: CycleView }) {
  const dossier = cycle.dossier;
  if (!dossier) return <p>Trưởng khối chưa trình hồ sơ.</p>;
  return (
    <div class="dossier">
      <p>
        Trạng thái:{' '}
        <Badge tone={dossier.status === 'ACCEPTED' ? 'ok' : dossier.status === 'RETURNED' ? 'warn' : 'info'}>
          {DOSSIER_STATUS_LABELS[dossier.status]}
        </Badge>{' '}
        · Lần trình thứ {dossier.round} lúc {formatDateTime(dossier.submittedAt)}
      </p>
      <dl class="facts">
        <dt>Tờ trình</dt>
        <dd>
          Số {dossier.toTrinh.number} ngày {formatDate(dossier.toTrinh.date)}
          {dossier.toTrinh.sha256 ? (
            <div>
              <FileLink sha256={dossier.toTrinh.sha256} name={dossier.toTrinh.documentRef} />
            </div>
          ) : (
            <EvidenceList refs={[dossier.toTrinh.documentRef]} />
          )}
        </dd>
        {dossier.signedScans?.length ? (
          <>
            <dt>Bản quét văn bản đã ký</dt>
            <dd>
              <ul class="evidence">
                {dossier.signedScans.map((f) => (
                  <li key={f.sha256}>
                    <FileLink sha256={f.sha256} name={f.name} />
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        {dossier.completeAt ? (
          <>
            <dt>Ngày nhận đủ hồ sơ</dt>
            <dd>{formatDate(dossier.completeAt)}</dd>
          </>
        ) : null}
        {dossier.appraisalDueDate ? (
          <>
            <dt>Hạn thẩm định</dt>
            <dd>
              {formatDate(dossier.appraisalDueDate)} {dossier.appraisalOverdue ? <Badge tone="danger">Quá hạn</Badge> : null}
            </dd>
          </>
        ) : null}
      </dl>
      <TableWrap label="Báo cáo thành tích">
        <table>
          <caption>Báo cáo thành tích</caption>
          <thead>
            <tr>
              <th scope="col">Đơn vị</th>
              <th scope="col">Báo cáo</th>
              <th scope="col">Tài liệu</th>
            </tr>
          </thead>
          <tbody>
            {dossier.achievementReports.map((r) => (
              <tr key={r.unitCode}>
                <th scope="row">{unitName(cycle, r.unitCode)}</th>
                <td>{r.title}</td>
                <td>
                  {r.sha256 ? <FileLink sha256={r.sha256} name={r.documentRef} /> : <EvidenceList refs={[r.documentRef]} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {dossier.returns.length > 0 ? (
        <>
          <h3>Các lần trả lại</h3>
          <ul>
            {dossier.returns.map((r) => (
              <li key={r.round}>
                Lần {r.round}, {formatDateTime(r.at)}: {r.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
