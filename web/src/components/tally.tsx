import type { ComponentChildren } from 'preact';
import type { ConferenceMinutes, CycleView, ElectionTally, PublishedPaper, RankedUnit } from '../api/types';
import { formatDate, formatPoints } from '../lib/format';
import { AWARD_LABELS, unitName } from '../lib/labels';
import { Badge, Button, TableWrap } from './ui';

/**
 * The vote count (biên bản kiểm phiếu). Rendered only from the minutes, which exist once the ballot is closed:
 * while voting is open there is nothing to show, and nothing of the papers reaches the page.
 */
export function TallyView({ cycle, minutes }: { cycle: CycleView; minutes: ConferenceMinutes }) {
  const count = minutes.voteCount;
  return (
    <section id="ballot-tally" class="card tally" aria-labelledby="ballot-tally-title">
      <h2 id="ballot-tally-title">Kết quả kiểm phiếu</h2>
      <p>
        Phiếu phát ra: <strong>{count.ballotsIssued}</strong> · thu về: <strong>{count.ballotsReturned}</strong> · hợp lệ:{' '}
        <strong>{count.ballotsValid}</strong> · không hợp lệ: <strong>{count.ballotsInvalid}</strong>
      </p>
      {count.awards.map((award) => (
        <VotesTable
          key={award.award}
          cycle={cycle}
          label={award.displayName}
          caption={`${award.displayName}: cần ${award.required} phiếu, tối đa ${award.maxPerBloc} đơn vị`}
          rows={award.candidates.map((c) => ({
            unitCode: c.unitCode,
            votes: c.votes,
            result: (
              <>
                {c.selected ? (
                  <Badge tone="ok">Được đề nghị</Badge>
                ) : c.passedThreshold ? (
                  <Badge>Đạt ngưỡng</Badge>
                ) : (
                  <Badge tone="neutral">Không đạt</Badge>
                )}
                {c.reason ? <span class="candidate-reason"> {c.reason.text}</span> : null}
              </>
            ),
          }))}
        />
      ))}
      <Election cycle={cycle} title={`Bầu Trưởng khối năm ${cycle.year + 1}`} tally={count.leaderElection} />
      <Election cycle={cycle} title={`Bầu Phó khối năm ${cycle.year + 1}`} tally={count.deputyElection} />
      <p class="result-line">
        Trưởng khối năm {cycle.year + 1}: <strong>{unitName(cycle, minutes.nextLeader)}</strong> · Phó khối:{' '}
        <strong>{unitName(cycle, minutes.nextDeputy)}</strong>
      </p>
      {(minutes.rounds ?? [count]).map((round, i) =>
        round.papers ? <PublishedPapers key={i} cycle={cycle} round={i + 1} papers={round.papers} /> : null,
      )}
    </section>
  );
}

/** Every counted paper by receipt code: a voter finds theirs, anyone can recount. */
function PublishedPapers({ cycle, round, papers }: { cycle: CycleView; round: number; papers: PublishedPaper[] }) {
  const names = (units: string[] | undefined) => (units ?? []).map((u) => unitName(cycle, u)).join(', ');
  return (
    <details class="published-papers">
      <summary>
        Các phiếu đã kiểm vòng {round} ({papers.length} phiếu, theo mã biên nhận)
      </summary>
      <TableWrap label={`Các phiếu đã kiểm vòng ${round}`}>
        <table>
          <thead>
            <tr>
              <th scope="col">Mã biên nhận</th>
              <th scope="col">Nội dung phiếu</th>
              <th scope="col">Hợp lệ</th>
            </tr>
          </thead>
          <tbody>
            {papers.map((p) => (
              <tr key={p.receipt}>
                <td>
                  <code>{p.receipt}</code>
                </td>
                <td>
                  {Object.entries(p.choices)
                    .map(([award, units]) => `${AWARD_LABELS[award as keyof typeof AWARD_LABELS]}: ${names(units)}`)
                    .concat(p.nextLeader ? [`Trưởng khối: ${unitName(cycle, p.nextLeader)}`] : [])
                    .concat(p.nextDeputy ? [`Phó khối: ${unitName(cycle, p.nextDeputy)}`] : [])
                    .join(' · ')}
                </td>
                <td>{p.valid ? 'Có' : 'Không'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </details>
  );
}

function Election({ cycle, title, tally }: { cycle: CycleView; title: string; tally: ElectionTally }) {
  if (tally.candidates.length === 0) return null;
  return (
    <VotesTable
      cycle={cycle}
      label={title}
      caption={title}
      rows={tally.candidates.map((c) => ({
        unitCode: c.unitCode,
        votes: c.votes,
        result: tally.elected === c.unitCode ? <Badge tone="ok">Trúng cử</Badge> : null,
      }))}
    />
  );
}

/** Votes per candidate unit with the result of each: one table per award and per election. */
function VotesTable(props: {
  cycle: CycleView;
  label: string;
  caption: string;
  rows: { unitCode: string; votes: number; result: ComponentChildren }[];
}) {
  return (
    <TableWrap label={props.label}>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Đơn vị</th>
            <th scope="col" class="num">
              Số phiếu
            </th>
            <th scope="col">Kết quả</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.unitCode}>
              <th scope="row">{unitName(props.cycle, r.unitCode)}</th>
              <td class="num">{r.votes}</td>
              <td>{r.result}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** Biên bản hội nghị: attendance, quorum, ranking and the outcome; printable. */
export function MinutesView({ cycle, minutes }: { cycle: CycleView; minutes: ConferenceMinutes }) {
  return (
    <section class="card minutes" aria-labelledby="minutes-title">
      <h2 id="minutes-title">Biên bản hội nghị tổng kết</h2>
      <dl class="facts">
        <dt>Khối</dt>
        <dd>{minutes.blocName}</dd>
        <dt>Ngày họp</dt>
        <dd>{formatDate(minutes.heldOn)}</dd>
        {minutes.location ? (
          <>
            <dt>Địa điểm</dt>
            <dd>{minutes.location}</dd>
          </>
        ) : null}
        <dt>Chủ trì</dt>
        <dd>{unitName(cycle, minutes.chairedBy)}</dd>
        <dt>Có mặt</dt>
        <dd>
          {minutes.present.length}/{minutes.membersTotal}: {minutes.present.map((u) => unitName(cycle, u)).join('; ')}
        </dd>
        <dt>Vắng mặt</dt>
        <dd>{minutes.absent.length === 0 ? 'Không' : minutes.absent.map((u) => unitName(cycle, u)).join('; ')}</dd>
        <dt>Số lượng tham dự</dt>
        <dd>
          {minutes.quorum.met ? 'Đủ' : 'Không đủ'} ({minutes.quorum.present}/{minutes.quorum.base}, cần {minutes.quorum.required})
        </dd>
        <dt>Bộ quy tắc áp dụng</dt>
        <dd>
          {minutes.rulesVersion}
          {minutes.rulesVersion === cycle.rulesVersion && cycle.rulesLegalBasis?.length
            ? ` (${cycle.rulesLegalBasis.join('; ')})`
            : ''}
        </dd>
      </dl>
      <RankingTable cycle={cycle} ranking={minutes.ranking} />
      {minutes.scoreAdjustments?.length ? (
        <TableWrap label="Điều chỉnh điểm khi xác nhận">
          <table id="score-adjustments">
            <caption>Điểm xác nhận khác điểm tự chấm, kèm lý do</caption>
            <thead>
              <tr>
                <th scope="col">Đơn vị</th>
                <th scope="col">Tiêu chí</th>
                <th scope="col" class="num">
                  Điểm xác nhận
                </th>
                <th scope="col">Lý do</th>
              </tr>
            </thead>
            <tbody>
              {minutes.scoreAdjustments.map((a) => (
                <tr key={`${a.unitCode}/${a.criterionCode}`}>
                  <th scope="row">{unitName(cycle, a.unitCode)}</th>
                  <td>{a.criterionCode}</td>
                  <td class="num">{formatPoints(a.points)}</td>
                  <td>{a.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      <Button kind="secondary" onClick={() => print()}>
        In biên bản
      </Button>
    </section>
  );
}

/** The units ranked by their verified totals, as read out at the conference and written in the minutes. */
export function RankingTable({ cycle, ranking }: { cycle: CycleView; ranking: RankedUnit[] }) {
  return (
    <TableWrap label="Xếp hạng theo điểm đã xác nhận">
      <table>
        <caption>Xếp hạng theo điểm đã xác nhận</caption>
        <thead>
          <tr>
            <th scope="col">Hạng</th>
            <th scope="col">Đơn vị</th>
            <th scope="col" class="num">
              Tổng điểm
            </th>
          </tr>
        </thead>
        <tbody>
          {ranking.map((r) => (
            <tr key={r.unitCode}>
              <td>{r.rank}</td>
              <th scope="row">{unitName(cycle, r.unitCode)}</th>
              <td class="num">{formatPoints(r.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
