import { useState } from 'preact/hooks';
import { approveAssessment, crossScore, getAssessment, getTimeline, submitAssessment } from '../../api/endpoints';
import type { AssessmentView, CycleView, LaunchState } from '../../api/types';
import { ReasonForm } from '../../components/reason-form';
import { useRecordDate } from '../../components/record-date';
import { FileUploadField } from '../../components/files';
import { EvidenceList, ScoreTable } from '../../components/score-table';
import { ActionStatus, Badge, Button, ErrorAlert, Loading, Section } from '../../components/ui';
import { fileRef } from '../../lib/files';
import { formatDate, formatDateTime, formatPoints } from '../../lib/format';
import { useAction, useResource } from '../../lib/hooks';
import { humanize, namesOf } from '../../lib/humanize';
import { Link } from '../../lib/router';
import type { Acting } from '../../lib/inbox';
import { assessmentStatusLabel, CRITERION_TYPE_LABELS, unitName } from '../../lib/labels';
import { maximumTotal, runningTotal, sheetErrors, toInputs, toScores, type ScoreInput } from '../../lib/score';

/** The unit's self-assessment: the score sheet to fill in, or the submitted one to approve, with its rounds. */
export function AssessmentCard({ cycle, acting, onChanged }: { cycle: CycleView; acting: Acting; onChanged: () => unknown }) {
  const unit = acting.unitCode ?? '';
  const progress = cycle.unitProgress.find((p) => p.unitCode === unit);
  // A unit's sheet is projected at its first change; until then it is an empty draft.
  const status = progress?.assessmentStatus ?? (cycle.phase === 'SELF_ASSESSMENT' ? 'DRAFT' : null);
  const launch = cycle.launch;
  // The unit's status comes from its assessment workflow's projection, which does not bump the cycle's version: the
  // sheets are reloaded when the status or the round changes, and sheets loaded for an older status are not shown
  // beside the new one (no "Đã nộp" above "chưa nộp").
  const sheetKey = `${cycle.version}|${status ?? ''}|${progress?.assessmentRounds ?? 0}`;
  const sheets = useResource(
    async () => ({ key: sheetKey, view: await getAssessment(cycle.cycleId, unit) }),
    [cycle.cycleId, unit, sheetKey],
  );
  const view = sheets.data?.key === sheetKey ? sheets.data.view : undefined;
  if (!launch || cycle.phase === 'LAUNCH' || cycle.phase === 'PLEDGE') {
    return (
      <Section title="Tự chấm điểm">
        <p>Bảng tự chấm điểm mở sau khi các đơn vị ký giao ước.</p>
      </Section>
    );
  }
  const open = cycle.phase === 'SELF_ASSESSMENT' && (status === 'DRAFT' || status === 'RETURNED');
  return (
    <Section title="Tự chấm điểm">
      <p aria-live="polite">
        Trạng thái:{' '}
        <Badge tone={status === 'ACCEPTED' ? 'ok' : status === 'RETURNED' ? 'warn' : 'info'}>
          {assessmentStatusLabel(status)}
        </Badge>
        {progress?.assessmentLate ? <Badge tone="danger">Quá hạn</Badge> : null} · Hạn nộp:{' '}
        {formatDateTime(launch.selfAssessmentDeadline)}
      </p>
      {status === 'RETURNED' ? <ReturnReason cycle={cycle} unit={unit} /> : null}
      {!view && !sheets.error ? <Loading label="Đang tải bảng điểm…" /> : <ErrorAlert error={sheets.error} />}
      {open && view ? (
        <ScoreSheetForm cycle={cycle} launch={launch} unit={unit} previous={view} onSubmitted={onChanged} />
      ) : view && !open ? (
        <SubmittedSheet cycle={cycle} launch={launch} view={view} />
      ) : null}
      {status === 'SUBMITTED' && acting.role === 'UNIT_HEAD' ? (
        <ApproveSheet cycle={cycle} unit={unit} onApproved={onChanged} />
      ) : null}
      {status === 'SUBMITTED' && acting.role !== 'UNIT_HEAD' ? (
        <p>Chờ thủ trưởng đơn vị phê duyệt trước khi gửi Trưởng khối.</p>
      ) : null}
      {status === 'IN_APPROVAL' ? (
        <p>
          Bảng điểm đang được phê duyệt theo quy trình của tỉnh:{' '}
          <Link
            href={`/approvals/${encodeURIComponent(`${cycle.cycleId}.assessment.${unit}.review.${progress?.assessmentRounds ?? 1}`)}`}
          >
            theo dõi, phê duyệt hoặc rút bảng điểm
          </Link>
        </p>
      ) : null}
    </Section>
  );
}

function ReturnReason({ cycle, unit }: { cycle: CycleView; unit: string }) {
  const cycleId = cycle.cycleId;
  const timeline = useResource(() => getTimeline(cycleId, unit), [cycleId, unit]);
  const last = timeline.data?.events
    .filter((e) => e.type === 'ASSESSMENT_RETURNED' || e.type === 'ASSESSMENT_RETURNED_BY_UNIT')
    .pop();
  if (!last) return null;
  return (
    <p class="alert alert-warn">
      {last.summary === null ? last.label : humanize(last.summary, namesOf(cycle))} (
      {last.occurredOn ? formatDate(last.occurredOn) : formatDateTime(last.at)})
    </p>
  );
}

export function SubmittedSheet({ cycle, launch, view }: { cycle: CycleView; launch: LaunchState; view: AssessmentView }) {
  const latest = view.rounds[view.rounds.length - 1];
  if (!latest) return <p>Đơn vị chưa nộp bảng tự chấm điểm.</p>;
  return (
    <ScoreTable
      caption={`Bảng điểm lần nộp thứ ${latest.round}`}
      criteria={launch.criteria}
      groups={launch.criteriaGroups}
      columns={[
        { label: 'Tự chấm', scores: latest.phases.SELF?.scores, total: latest.selfTotal },
        ...(latest.phases.LEADER_REVIEW
          ? [{ label: 'Trưởng khối xác nhận', scores: latest.phases.LEADER_REVIEW.scores, total: latest.verifiedTotal }]
          : []),
        ...latest.cross.map((sheet) => ({
          label: `Chấm chéo: ${unitName(cycle, sheet.scorerUnit)}`,
          scores: sheet.scores,
          total: sheet.total,
        })),
        ...(latest.phases.COUNCIL_ADJUST
          ? [{ label: 'Hội đồng điều chỉnh', scores: latest.phases.COUNCIL_ADJUST.scores, total: latest.councilTotal }]
          : []),
      ]}
    />
  );
}

function ApproveSheet({ cycle, unit, onApproved }: { cycle: CycleView; unit: string; onApproved: () => unknown }) {
  const [returning, setReturning] = useState(false);
  const day = useRecordDate(cycle);
  const dated = day.occurredOn ? { occurredOn: day.occurredOn } : {};
  const action = useAction(() => approveAssessment(cycle.cycleId, unit, { decision: 'APPROVE', ...dated }), {
    success: 'Đã phê duyệt; bảng điểm được gửi Trưởng khối xem xét.',
    after: onApproved,
  });
  const giveBack = useAction(
    (reason: string) => approveAssessment(cycle.cycleId, unit, { decision: 'RETURN', reason, ...dated }),
    { success: 'Đã trả lại bảng điểm cho cán bộ đầu mối.', after: onApproved },
  );
  return (
    <div class="actions">
      {day.field}
      {returning ? (
        <ReasonForm
          label="Lý do trả lại cán bộ đầu mối"
          confirmLabel="Xác nhận trả lại"
          busy={giveBack.busy}
          onCancel={() => setReturning(false)}
          onSubmit={(reason) => void giveBack.run(reason)}
        />
      ) : (
        <>
          <Button busy={action.busy} disabled={day.invalid} onClick={() => void action.run()}>
            Phê duyệt bảng tự chấm điểm
          </Button>
          <Button kind="danger" disabled={day.invalid} onClick={() => setReturning(true)}>
            Trả lại cán bộ đầu mối
          </Button>
        </>
      )}
      <ActionStatus action={action} />
      <ActionStatus action={giveBack} />
    </div>
  );
}

const SHEET_TEXT = {
  SELF: {
    form: 'Bảng tự chấm điểm',
    points: 'Điểm tự chấm',
    total: 'Tổng điểm tự chấm',
    submit: 'Nộp bảng tự chấm điểm',
    success: 'Đã nộp bảng tự chấm điểm.',
  },
  CROSS: {
    form: 'Bảng chấm chéo',
    points: 'Điểm chấm chéo',
    total: 'Tổng điểm chấm chéo',
    submit: 'Gửi kết quả chấm chéo',
    success: 'Đã gửi kết quả chấm chéo.',
  },
} as const;

/**
 * A score sheet to fill in: the unit's own (SELF), or another unit's by the head assigned to cross-score it (CROSS,
 * starting empty: the scorer gives their own points, the self-assessment is shown beside).
 */
export function ScoreSheetForm({
  cycle,
  launch,
  unit,
  previous,
  onSubmitted,
  mode = 'SELF',
}: {
  cycle: CycleView;
  launch: LaunchState;
  unit: string;
  previous?: AssessmentView;
  onSubmitted: () => unknown;
  mode?: 'SELF' | 'CROSS';
}) {
  const text = SHEET_TEXT[mode];
  const last = mode === 'SELF' ? previous?.rounds[previous.rounds.length - 1]?.phases.SELF?.scores : undefined;
  const [inputs, setInputs] = useState<Record<string, ScoreInput>>(() => toInputs(last));
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [fileNames, setFileNames] = useState<Record<string, string>>({});
  const [tried, setTried] = useState(false);
  const errors = sheetErrors(launch.criteria, inputs);
  const errorCount = Object.keys(errors).length;
  const total = runningTotal(launch.criteria, launch.criteriaGroups, inputs);
  const day = useRecordDate(cycle);
  const action = useAction(
    () =>
      mode === 'SELF'
        ? submitAssessment(cycle.cycleId, unit, toScores(launch.criteria, inputs), day.occurredOn)
        : crossScore(cycle.cycleId, unit, toScores(launch.criteria, inputs), day.occurredOn),
    { success: text.success, after: onSubmitted },
  );
  const update = (code: string, patch: Partial<ScoreInput>) => {
    setInputs((all) => ({ ...all, [code]: { ...(all[code] ?? { points: '', evidence: '' }), ...patch } }));
    setTouched((t) => ({ ...t, [code]: true }));
  };
  return (
    <form
      class="score-form"
      aria-label={mode === 'SELF' ? text.form : `${text.form}: ${unit}`}
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (errorCount === 0 && !day.invalid) void action.run();
      }}
    >
      {launch.criteria.map((c) => {
        const input = inputs[c.code] ?? { points: '', evidence: '' };
        const error = touched[c.code] || tried ? errors[c.code] : undefined;
        const id = mode === 'SELF' ? `score-${c.code}` : `cross-${unit}-${c.code}`;
        return (
          <fieldset key={c.code} class={`criterion${error ? ' field-invalid' : ''}`}>
            <legend>
              {c.code}. {c.name}
            </legend>
            <p class="hint">
              Tối đa {formatPoints(c.maxPoints)} điểm
              {c.type && c.type !== 'NORMAL' ? ` · ${CRITERION_TYPE_LABELS[c.type]}` : ''}
              {c.evidenceRequired ? ' · bắt buộc có minh chứng' : ''}
            </p>
            <div class="criterion-inputs">
              <div class="field">
                <label for={`${id}-points`}>{text.points}</label>
                <input
                  id={`${id}-points`}
                  inputMode="decimal"
                  value={input.points}
                  onInput={(e) => update(c.code, { points: e.currentTarget.value })}
                  aria-invalid={error ? 'true' : undefined}
                  aria-describedby={error ? `${id}-error` : undefined}
                />
              </div>
              <div class="field">
                <label for={`${id}-evidence`}>Minh chứng (mỗi dòng một đường dẫn hoặc tên tài liệu)</label>
                <textarea
                  id={`${id}-evidence`}
                  rows={2}
                  value={input.evidence}
                  onInput={(e) => update(c.code, { evidence: e.currentTarget.value })}
                  aria-describedby={error ? `${id}-error` : undefined}
                />
              </div>
            </div>
            <FileUploadField
              label="Tải tệp minh chứng (PDF, Word, Excel, ảnh)"
              cycleId={cycle.cycleId}
              unitCode={unit}
              onUploaded={(file) => {
                setFileNames((names) => ({ ...names, [file.sha256]: file.name }));
                setInputs((all) => {
                  const current = all[c.code] ?? { points: '', evidence: '' };
                  const lines = current.evidence.split('\n').filter((l) => l.trim());
                  if (lines.includes(fileRef(file.sha256))) return all;
                  return { ...all, [c.code]: { ...current, evidence: [...lines, fileRef(file.sha256)].join('\n') } };
                });
              }}
            />
            {error ? (
              <p class="field-error" id={`${id}-error`}>
                {error}
              </p>
            ) : null}
            {input.evidence.trim() ? (
              <EvidenceList
                names={fileNames}
                refs={input.evidence
                  .split('\n')
                  .map((l) => l.trim())
                  .filter(Boolean)}
              />
            ) : null}
          </fieldset>
        );
      })}
      <div class="sheet-footer">
        <output class="running-total" aria-live="polite">
          {text.total}: <strong>{formatPoints(total)}</strong> /{' '}
          {formatPoints(maximumTotal(launch.criteria, launch.criteriaGroups))}
        </output>
        {errorCount > 0 && (tried || Object.keys(touched).length > 0) ? (
          <p class="field-error">Còn {errorCount} tiêu chí chưa hợp lệ.</p>
        ) : null}
        {day.field}
        <Button type="submit" busy={action.busy} busyLabel="Đang nộp…" disabled={errorCount > 0 || day.invalid}>
          {text.submit}
        </Button>
      </div>
      <ActionStatus action={action} />
    </form>
  );
}
