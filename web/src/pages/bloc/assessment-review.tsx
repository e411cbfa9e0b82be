import { useState } from 'preact/hooks';
import { closeSelfAssessment, getAssessment, reviewAssessment } from '../../api/endpoints';
import type { CriterionScore, CycleView, LaunchState, UnitProgress } from '../../api/types';
import { ReasonForm } from '../../components/reason-form';
import { useRecordDate } from '../../components/record-date';
import { ScoreTable } from '../../components/score-table';
import { ActionStatus, Badge, Button, ErrorAlert, Loading, Section, TableWrap } from '../../components/ui';
import { formatDateTime, formatPoints } from '../../lib/format';
import { useAction, useResource } from '../../lib/hooks';
import { assessmentStatusLabel } from '../../lib/labels';
import { parsePoints, runningTotal, toInputs } from '../../lib/score';

/** The Trưởng khối's review of each unit's self-assessment: accept (as scored, or with verified points) or return. */
export function AssessmentReview({ cycle, onChanged }: { cycle: CycleView; onChanged: () => unknown }) {
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const launch = cycle.launch;
  const closeDay = useRecordDate(cycle);
  const close = useAction(() => closeSelfAssessment(cycle.cycleId, closeDay.occurredOn), {
    success: 'Đã kết thúc giai đoạn tự chấm điểm.',
    after: onChanged,
  });
  if (!launch) return <Section title="Tự chấm điểm">Chưa phát động thi đua.</Section>;
  const accepted = cycle.unitProgress.filter((p) => p.assessmentStatus === 'ACCEPTED').length;
  return (
    <Section title="Xem xét bảng tự chấm điểm">
      <p>
        Hạn tự chấm điểm: <strong>{formatDateTime(launch.selfAssessmentDeadline)}</strong> · Đã chấp nhận {accepted}/
        {cycle.units.length} đơn vị
      </p>
      <TableWrap label="Tình hình tự chấm điểm">
        <table id="assessment-status">
          <caption>Tình hình tự chấm điểm của các đơn vị</caption>
          <thead>
            <tr>
              <th scope="col">Đơn vị</th>
              <th scope="col">Trạng thái</th>
              <th scope="col" class="num">
                Lần nộp
              </th>
              <th scope="col" class="num">
                Điểm xác nhận
              </th>
              <th scope="col">Xem xét</th>
            </tr>
          </thead>
          <tbody>
            {cycle.unitProgress.map((p) => (
              <UnitRow
                key={p.unitCode}
                progress={p}
                recused={p.unitCode === cycle.leaderUnit}
                open={open === p.unitCode}
                onToggle={() => setOpen(open === p.unitCode ? null : p.unitCode)}
              />
            ))}
          </tbody>
        </table>
      </TableWrap>
      {open ? (
        <UnitReview
          key={open}
          cycle={cycle}
          launch={launch}
          progress={cycle.unitProgress.find((p) => p.unitCode === open) as UnitProgress}
          onDone={(message) => {
            setNotice(message);
            setOpen(null);
            return onChanged();
          }}
        />
      ) : null}
      <div aria-live="polite">{notice ? <p class="alert alert-ok">{notice}</p> : null}</div>
      {cycle.phase === 'SELF_ASSESSMENT' ? (
        <div class="actions">
          {closeDay.field}
          <Button kind="secondary" busy={close.busy} disabled={closeDay.invalid} onClick={() => void close.run()}>
            Kết thúc giai đoạn tự chấm điểm
          </Button>
          <p class="hint">Chỉ thực hiện được sau hạn tự chấm điểm; đơn vị chưa được chấp nhận sẽ bị ghi nhận chậm.</p>
          <ActionStatus action={close} />
        </div>
      ) : null}
    </Section>
  );
}

const pointsOf = (scores: CriterionScore[], code: string) => scores.find((s) => s.criterionCode === code)?.points;

/** `recused`: the Trưởng khối's own unit, whose sheet the Phó khối reviews (from the inbox). */
function UnitRow({
  progress,
  recused,
  open,
  onToggle,
}: {
  progress: UnitProgress;
  recused: boolean;
  open: boolean;
  onToggle: () => void;
}) {
  const waiting = progress.assessmentStatus === 'UNIT_APPROVED' && !recused;
  return (
    <tr class={progress.assessmentLate ? 'row-late' : ''}>
      <th scope="row">{progress.unitName}</th>
      <td>
        <Badge tone={progress.assessmentStatus === 'ACCEPTED' ? 'ok' : waiting ? 'warn' : 'neutral'}>
          {assessmentStatusLabel(progress.assessmentStatus)}
        </Badge>
        {progress.assessmentLate ? <Badge tone="danger">Chậm</Badge> : null}
      </td>
      <td class="num">{progress.assessmentRounds}</td>
      <td class="num">{formatPoints(progress.verifiedTotal)}</td>
      <td>
        {progress.assessmentRounds > 0 ? (
          <Button kind="link" onClick={onToggle} aria-expanded={open ? 'true' : 'false'}>
            {waiting ? `Xem xét ${progress.unitName}` : `Xem bảng điểm ${progress.unitName}`}
          </Button>
        ) : null}
        {recused && progress.assessmentStatus === 'UNIT_APPROVED' ? (
          <p class="hint">Đơn vị của Trưởng khối: Phó khối xem xét bảng điểm này.</p>
        ) : null}
      </td>
    </tr>
  );
}

function UnitReview({
  cycle,
  launch,
  progress,
  onDone,
}: {
  cycle: CycleView;
  launch: LaunchState;
  progress: UnitProgress;
  onDone: (message: string) => unknown;
}) {
  const sheets = useResource(() => getAssessment(cycle.cycleId, progress.unitCode), [cycle.cycleId, progress.unitCode]);
  const [mode, setMode] = useState<'view' | 'return' | 'adjust'>('view');
  const [adjusted, setAdjusted] = useState<Record<string, string>>({});
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const day = useRecordDate(cycle);
  const dated = day.occurredOn ? { occurredOn: day.occurredOn } : {};
  const accept = useAction((verifiedScores?: CriterionScore[]) =>
    reviewAssessment(cycle.cycleId, progress.unitCode, {
      decision: 'ACCEPT',
      ...(verifiedScores ? { verifiedScores } : {}),
      ...dated,
    }),
  );
  const giveBack = useAction((reason: string) =>
    reviewAssessment(cycle.cycleId, progress.unitCode, { decision: 'RETURN', reason, ...dated }),
  );
  const latest = sheets.data?.rounds[sheets.data.rounds.length - 1];
  const self = latest?.phases.SELF?.scores ?? [];
  const waiting = progress.assessmentStatus === 'UNIT_APPROVED' && progress.unitCode !== cycle.leaderUnit;
  const adjustedScores = (): CriterionScore[] =>
    self.map((s) => {
      const points = parsePoints(adjusted[s.criterionCode] ?? String(s.points)) ?? s.points;
      const reason = reasons[s.criterionCode]?.trim();
      return { ...s, points, ...(points !== s.points && reason ? { reason } : {}) };
    });
  const changed = (code: string) => adjustedScores().find((s) => s.criterionCode === code)?.points !== pointsOf(self, code);
  const finish = (message: string) => async (ok: boolean) => {
    if (ok) await onDone(message);
  };
  const accepted = finish(`Đã chấp nhận bảng điểm của ${progress.unitName}.`);
  return (
    <section class="card sub-card" aria-label={`Bảng điểm của ${progress.unitName}`}>
      <h3>{progress.unitName}</h3>
      {!sheets.data ? sheets.loading ? <Loading label="Đang tải bảng điểm…" /> : <ErrorAlert error={sheets.error} /> : null}
      {latest ? (
        <ScoreTable
          caption={`Lần nộp thứ ${latest.round}`}
          criteria={launch.criteria}
          groups={launch.criteriaGroups}
          columns={[
            { label: 'Tự chấm', scores: latest.phases.SELF?.scores, total: latest.selfTotal },
            ...(latest.phases.LEADER_REVIEW
              ? [{ label: 'Đã xác nhận', scores: latest.phases.LEADER_REVIEW.scores, total: latest.verifiedTotal }]
              : []),
          ]}
        />
      ) : null}
      {waiting ? day.field : null}
      {waiting && latest && mode === 'view' ? (
        <div class="actions">
          <Button busy={accept.busy} disabled={day.invalid} onClick={() => void accept.run().then(accepted)}>
            Chấp nhận bảng điểm
          </Button>
          <Button kind="secondary" onClick={() => setMode('adjust')}>
            Chấp nhận với điểm điều chỉnh
          </Button>
          <Button kind="danger" onClick={() => setMode('return')}>
            Trả lại
          </Button>
        </div>
      ) : null}
      {waiting && mode === 'adjust' ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void accept.run(adjustedScores()).then(accepted);
          }}
        >
          {launch.criteria.map((c) => (
            <div class="field" key={c.code}>
              <label for={`adjust-${c.code}`}>
                Điểm xác nhận {c.code} (tối đa {formatPoints(c.maxPoints)})
              </label>
              <input
                id={`adjust-${c.code}`}
                inputMode="decimal"
                value={adjusted[c.code] ?? toInputs(self)[c.code]?.points ?? ''}
                onInput={(e) => setAdjusted((a) => ({ ...a, [c.code]: e.currentTarget.value }))}
              />
              {changed(c.code) ? (
                <>
                  <label for={`reason-${c.code}`}>Lý do điều chỉnh {c.code} (bắt buộc, đơn vị sẽ thấy)</label>
                  <input
                    id={`reason-${c.code}`}
                    required
                    maxLength={1000}
                    value={reasons[c.code] ?? ''}
                    onInput={(e) => setReasons((r) => ({ ...r, [c.code]: e.currentTarget.value }))}
                  />
                </>
              ) : null}
            </div>
          ))}
          <p aria-live="polite">
            Tổng điểm xác nhận: {formatPoints(runningTotal(launch.criteria, launch.criteriaGroups, toInputs(adjustedScores())))}
          </p>
          <div class="actions">
            <Button type="submit" busy={accept.busy}>
              Chấp nhận với điểm đã điều chỉnh
            </Button>
            <Button kind="secondary" onClick={() => setMode('view')}>
              Hủy
            </Button>
          </div>
        </form>
      ) : null}
      {waiting && mode === 'return' ? (
        <ReasonForm
          label="Lý do trả lại"
          confirmLabel="Xác nhận trả lại"
          busy={giveBack.busy}
          onCancel={() => setMode('view')}
          onSubmit={(reason) => void giveBack.run(reason).then(finish(`Đã trả lại bảng điểm của ${progress.unitName}.`))}
        />
      ) : null}
      <ActionStatus action={accept} />
      <ActionStatus action={giveBack} />
    </section>
  );
}
