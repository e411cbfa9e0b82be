import { useState } from 'preact/hooks';
import { launchCycle } from '../../api/endpoints';
import type { CycleView, LaunchState } from '../../api/types';
import { ScoreTable } from '../../components/score-table';
import { ActionStatus, Button, Checkbox, DateField, Section, SelectField, TextArea } from '../../components/ui';
import { addDays, endOfDayVn, formatDate, formatDateTime, formatPoints, parseDateInput, todayVn } from '../../lib/format';
import { useAction } from '../../lib/hooks';
import { useRecordDate } from '../../components/record-date';
import { CRITERION_TYPE_LABELS } from '../../lib/labels';
import { criteriaErrors, parsePoints, toCriteria, type CriterionInput } from '../../lib/score';

/** A starting point the Trưởng khối edits: the criteria of the bloc's previous sheets (S1 of domain.md). */
const DEFAULT_CRITERIA: CriterionInput[] = [
  { code: 'TC1', name: 'Thực hiện nhiệm vụ chính trị được giao', maxPoints: '40', evidenceRequired: true, type: 'NORMAL' },
  { code: 'TC2', name: 'Công tác xây dựng tổ chức, đoàn kết nội bộ', maxPoints: '30', evidenceRequired: false, type: 'NORMAL' },
  { code: 'TC3', name: 'Tham gia hoạt động chung của khối', maxPoints: '30', evidenceRequired: false, type: 'NORMAL' },
];

export function LaunchPanel({ cycle, onChanged }: { cycle: CycleView; onChanged: () => unknown }) {
  if (cycle.launch) return <LaunchedView cycle={cycle} launch={cycle.launch} />;
  if (cycle.phase !== 'LAUNCH') return <Section title="Phát động thi đua">Chu kỳ đã qua giai đoạn phát động.</Section>;
  return <LaunchForm cycle={cycle} onChanged={onChanged} />;
}

function LaunchedView({ cycle, launch }: { cycle: CycleView; launch: LaunchState }) {
  return (
    <Section title="Phát động thi đua">
      <p>
        {launch.launchedOn
          ? `Đã phát động ngày ${formatDate(launch.launchedOn)} (nhập lúc ${formatDateTime(launch.launchedAt)}).`
          : `Đã phát động lúc ${formatDateTime(launch.launchedAt)}.`}
      </p>
      <h3>Kế hoạch</h3>
      <p class="pre">{launch.plan}</p>
      <h3>Giao ước thi đua</h3>
      <blockquote class="pledge-text">{launch.pledgeText}</blockquote>
      <p>
        Hạn ký giao ước: {formatDateTime(launch.pledgeDeadline)} · Hạn tự chấm điểm:{' '}
        {formatDateTime(launch.selfAssessmentDeadline)}
      </p>
      <ScoreTable
        caption={`Bộ tiêu chí thi đua năm ${cycle.year}`}
        criteria={launch.criteria}
        groups={launch.criteriaGroups}
        columns={[]}
      />
    </Section>
  );
}

function LaunchForm({ cycle, onChanged }: { cycle: CycleView; onChanged: () => unknown }) {
  const today = todayVn();
  const [plan, setPlan] = useState(`Kế hoạch thi đua năm ${cycle.year} của ${cycle.blocName}`);
  const [pledgeText, setPledgeText] = useState(
    `Các đơn vị thành viên ${cycle.blocName} cam kết thực hiện thắng lợi nhiệm vụ chính trị năm ${cycle.year}.`,
  );
  const [rows, setRows] = useState<CriterionInput[]>(DEFAULT_CRITERIA);
  // A record's deadlines are those of its past year; a live year's lie ahead.
  const record = cycle.mode === 'RECORD';
  const launchedOn = useRecordDate(cycle);
  const [pledgeDeadline, setPledgeDeadline] = useState(formatDate(record ? `${cycle.year}-02-15` : addDays(today, 30)));
  const [assessmentDeadline, setAssessmentDeadline] = useState(formatDate(record ? `${cycle.year}-11-30` : addDays(today, 60)));
  const errors = criteriaErrors(rows);
  const pledgeDay = parseDateInput(pledgeDeadline);
  const assessmentDay = parseDateInput(assessmentDeadline);
  const orderError =
    pledgeDay && assessmentDay && assessmentDay < pledgeDay ? 'Hạn tự chấm điểm phải sau hạn ký giao ước.' : null;
  const invalid =
    Object.keys(errors).length > 0 ||
    !plan.trim() ||
    !pledgeText.trim() ||
    !pledgeDay ||
    !assessmentDay ||
    orderError !== null ||
    launchedOn.invalid;
  const total = rows.filter((r) => r.type === 'NORMAL').reduce((sum, r) => sum + (parsePoints(r.maxPoints) ?? 0), 0);
  const action = useAction(
    () =>
      launchCycle(cycle.cycleId, {
        plan: plan.trim(),
        pledgeText: pledgeText.trim(),
        criteria: toCriteria(rows),
        pledgeDeadline: endOfDayVn(pledgeDay ?? today),
        selfAssessmentDeadline: endOfDayVn(assessmentDay ?? today),
        ...(launchedOn.occurredOn ? { occurredOn: launchedOn.occurredOn } : {}),
      }),
    { success: 'Đã phát động thi đua; các đơn vị được mời ký giao ước.', after: onChanged },
  );
  const setRow = (i: number, patch: Partial<CriterionInput>) =>
    setRows((all) => all.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Section title="Phát động thi đua">
      {record ? (
        <p class="hint">
          Chu kỳ này ghi nhận lại năm {cycle.year} đã qua: các hạn không tự động kết thúc giai đoạn; mỗi bước ghi ngày thực hiện.
        </p>
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!invalid) void action.run();
        }}
      >
        <TextArea
          label="Kế hoạch thi đua"
          value={plan}
          onValue={setPlan}
          required
          rows={4}
          error={plan.trim() ? null : 'Chưa nhập kế hoạch.'}
        />
        <TextArea
          label="Nội dung giao ước thi đua"
          value={pledgeText}
          onValue={setPledgeText}
          required
          rows={4}
          error={pledgeText.trim() ? null : 'Chưa nhập nội dung giao ước.'}
        />
        <fieldset>
          <legend>Bộ tiêu chí và thang điểm</legend>
          {rows.map((row, i) => (
            <CriterionRow
              key={i}
              index={i}
              row={row}
              error={errors[i]}
              onChange={(patch) => setRow(i, patch)}
              onRemove={() => setRows((all) => all.filter((_, j) => j !== i))}
            />
          ))}
          {errors[''] ? <p class="field-error">{errors['']}</p> : null}
          <p aria-live="polite">Tổng điểm tối đa các tiêu chí: {formatPoints(total)}</p>
          <Button
            kind="secondary"
            onClick={() =>
              setRows((all) => [
                ...all,
                { code: `TC${all.length + 1}`, name: '', maxPoints: '10', evidenceRequired: false, type: 'NORMAL' },
              ])
            }
          >
            Thêm tiêu chí
          </Button>
        </fieldset>
        <div class="grid-2">
          <DateField label="Hạn ký giao ước" value={pledgeDeadline} onValue={setPledgeDeadline} required />
          <DateField
            label="Hạn tự chấm điểm"
            value={assessmentDeadline}
            onValue={setAssessmentDeadline}
            required
            error={orderError}
          />
        </div>
        {launchedOn.field}
        <Button type="submit" busy={action.busy} busyLabel="Đang phát động…" disabled={invalid}>
          Phát động thi đua
        </Button>
        <ActionStatus action={action} />
      </form>
    </Section>
  );
}

function CriterionRow({
  index,
  row,
  error,
  onChange,
  onRemove,
}: {
  index: number;
  row: CriterionInput;
  error?: string;
  onChange: (patch: Partial<CriterionInput>) => void;
  onRemove: () => void;
}) {
  const id = `criterion-${index}`;
  return (
    <fieldset class={`criterion-row${error ? ' field-invalid' : ''}`}>
      <legend>Tiêu chí {index + 1}</legend>
      <div class="criterion-grid">
        <div class="field">
          <label for={`${id}-code`}>Mã</label>
          <input id={`${id}-code`} value={row.code} onInput={(e) => onChange({ code: e.currentTarget.value })} />
        </div>
        <div class="field grow">
          <label for={`${id}-name`}>Tên tiêu chí</label>
          <input id={`${id}-name`} value={row.name} onInput={(e) => onChange({ name: e.currentTarget.value })} />
        </div>
        <div class="field">
          <label for={`${id}-max`}>Điểm tối đa</label>
          <input
            id={`${id}-max`}
            inputMode="decimal"
            value={row.maxPoints}
            onInput={(e) => onChange({ maxPoints: e.currentTarget.value })}
          />
        </div>
        <SelectField
          label="Loại"
          value={row.type}
          onValue={(v) => onChange({ type: v as CriterionInput['type'] })}
          options={(['NORMAL', 'BONUS', 'PENALTY'] as const).map((t) => ({ value: t, label: CRITERION_TYPE_LABELS[t] }))}
        />
      </div>
      <Checkbox
        label="Bắt buộc có minh chứng"
        checked={row.evidenceRequired}
        onChange={(v) => onChange({ evidenceRequired: v })}
      />
      {error ? <p class="field-error">{error}</p> : null}
      <Button kind="link" onClick={onRemove} aria-label={`Xóa tiêu chí ${index + 1}`}>
        Xóa tiêu chí
      </Button>
    </fieldset>
  );
}
