import { useState } from 'preact/hooks';
import { getAssessment, getInbox } from '../../api/endpoints';
import type { CycleView, LaunchState } from '../../api/types';
import { ErrorAlert, Loading, Section } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { useResource } from '../../lib/hooks';
import type { Acting } from '../../lib/inbox';
import { unitName } from '../../lib/labels';
import { ScoreSheetForm, SubmittedSheet } from './score-sheet';

/**
 * Cross-scoring: the head of a unit assigned (at launch) to score another unit's approved sheet. What is due comes
 * from the inbox ("Chấm chéo …" rows), which the server derives with the same checks as the step itself.
 */
export function CrossScoreCard({ cycle, acting, onChanged }: { cycle: CycleView; acting: Acting; onChanged: () => unknown }) {
  const due = useResource(
    () => (acting.role === 'UNIT_HEAD' ? getInbox({ cycleId: cycle.cycleId }) : Promise.resolve({ items: [] })),
    [cycle.cycleId, cycle.version, acting.role],
  );
  const [sent, setSent] = useState<string[]>([]);
  const launch = cycle.launch;
  const tasks = (due.data?.items ?? []).filter((i) => i.kind === 'CYCLE_STEP' && i.action === 'CROSS_SCORE' && i.unitCode);
  if (!launch || acting.role !== 'UNIT_HEAD') return null;
  if (!due.data) return due.error ? <ErrorAlert error={due.error} /> : null;
  if (tasks.length === 0 && sent.length === 0) return null;
  return (
    <Section title="Chấm chéo">
      <div aria-live="polite">
        {sent.length > 0 ? (
          <p class="alert alert-ok">Đã gửi kết quả chấm chéo: {sent.map((u) => unitName(cycle, u)).join('; ')}.</p>
        ) : null}
      </div>
      {tasks.length > 0 ? (
        <p>Đơn vị được phân công chấm chéo bảng điểm của các đơn vị sau (sau khi đơn vị đó phê duyệt bảng tự chấm).</p>
      ) : null}
      {tasks.map((t) => (
        <CrossScoreUnit
          key={t.id}
          cycle={cycle}
          launch={launch}
          unit={t.unitCode ?? ''}
          dueAt={t.dueAt}
          onDone={async () => {
            setSent((all) => [...all.filter((u) => u !== t.unitCode), t.unitCode ?? '']);
            await due.reload();
            await onChanged();
          }}
        />
      ))}
    </Section>
  );
}

function CrossScoreUnit({
  cycle,
  launch,
  unit,
  dueAt,
  onDone,
}: {
  cycle: CycleView;
  launch: LaunchState;
  unit: string;
  dueAt?: string;
  onDone: () => unknown;
}) {
  const sheet = useResource(() => getAssessment(cycle.cycleId, unit), [cycle.cycleId, unit]);
  return (
    <div class="cross-score">
      <h3>
        {unitName(cycle, unit)}
        {dueAt ? <span class="muted"> · hạn {formatDateTime(dueAt)}</span> : null}
      </h3>
      {!sheet.data ? (
        sheet.loading ? (
          <Loading label="Đang tải bảng tự chấm của đơn vị…" />
        ) : (
          <ErrorAlert error={sheet.error} />
        )
      ) : (
        <>
          <SubmittedSheet cycle={cycle} launch={launch} view={sheet.data} />
          <ScoreSheetForm cycle={cycle} launch={launch} unit={unit} onSubmitted={onDone} mode="CROSS" />
        </>
      )}
    </div>
  );
}
