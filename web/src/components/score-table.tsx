import type { CriteriaGroup, Criterion, CriterionScore } from '../api/types';
import { formatPoints } from '../lib/format';
import { CRITERION_TYPE_LABELS } from '../lib/labels';
import { fileRefHash } from '../lib/files';
import { maximumTotal } from '../lib/score';
import { FileLink } from './files';
import { TableWrap } from './ui';

/**
 * An evidence reference: an uploaded file (`sha256:…`, to download or preview), a link when it is a web address, the
 * document's name otherwise. `names`: the names of files uploaded on this page.
 */
export function EvidenceList({ refs, names = {} }: { refs: string[]; names?: Record<string, string> }) {
  if (refs.length === 0) return <span class="muted">Không có</span>;
  return (
    <ul class="evidence">
      {refs.map((ref) =>
        fileRefHash(ref) ? (
          <li key={ref}>
            <FileLink sha256={fileRefHash(ref) as string} name={names[fileRefHash(ref) as string]} />
          </li>
        ) : /^https?:\/\//i.test(ref) ? (
          <li key={ref}>
            <a href={ref} target="_blank" rel="noopener noreferrer">
              {ref}
            </a>
          </li>
        ) : (
          <li key={ref}>{ref}</li>
        ),
      )}
    </ul>
  );
}

export interface SheetColumn {
  label: string;
  scores?: CriterionScore[];
  total?: number | null;
}

/** A read-only score sheet: criteria with their maxima, one column per sheet (self, verified, …), evidence of the first. */
export function ScoreTable({
  criteria,
  groups,
  columns,
  caption,
}: {
  criteria: Criterion[];
  groups?: CriteriaGroup[];
  columns: SheetColumn[];
  caption: string;
}) {
  const pointsOf = (col: SheetColumn, code: string) => col.scores?.find((s) => s.criterionCode === code);
  const evidenceSource = columns.find((c) => c.scores);
  return (
    <TableWrap label={caption}>
      <table class="score-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Tiêu chí</th>
            <th scope="col" class="num">
              Tối đa
            </th>
            {columns.map((c) => (
              <th key={c.label} scope="col" class="num">
                {c.label}
              </th>
            ))}
            {evidenceSource ? <th scope="col">Minh chứng</th> : null}
          </tr>
        </thead>
        <tbody>
          {criteria.map((c) => (
            <tr key={c.code}>
              <th scope="row">
                {c.code}. {c.name}
                {c.type && c.type !== 'NORMAL' ? <span class="muted"> ({CRITERION_TYPE_LABELS[c.type]})</span> : null}
              </th>
              <td class="num">{formatPoints(c.maxPoints)}</td>
              {columns.map((col) => {
                const score = pointsOf(col, c.code);
                return (
                  <td key={col.label} class="num">
                    {formatPoints(score?.points)}
                    {score?.reason ? <div class="score-reason">Lý do điều chỉnh: {score.reason}</div> : null}
                  </td>
                );
              })}
              {evidenceSource ? (
                <td>
                  <EvidenceList refs={pointsOf(evidenceSource, c.code)?.evidenceRefs ?? []} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Tổng điểm</th>
            <td class="num">{formatPoints(maximumTotal(criteria, groups))}</td>
            {columns.map((col) => (
              <td key={col.label} class="num">
                <strong>{formatPoints(col.total)}</strong>
              </td>
            ))}
            {evidenceSource ? <td /> : null}
          </tr>
        </tfoot>
      </table>
    </TableWrap>
  );
}
