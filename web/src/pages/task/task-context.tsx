import { useState } from 'preact/hooks';
import { approveAssessment, getAssessment, getCycle, reviewAssessment } from '../../api/endpoints';
import type { CycleView } from '../../api/types';
import { ChainDecision } from '../../components/chain-decision';
import { DossierView, NomineesTable } from '../../components/dossier-view';
import { ReasonForm } from '../../components/reason-form';
import { useRecordDate } from '../../components/record-date';
import { ScoreTable } from '../../components/score-table';
import { ActionStatus, Button, ErrorAlert, Loading } from '../../components/ui';
import { useAction, useResource } from '../../lib/hooks';
import type { Acting, Task } from '../../lib/inbox';
import { unitName } from '../../lib/labels';
import { Link } from '../../lib/router';
import { AppraisalApproval, DossierReview } from '../board/cycle-board';
import { PledgeText, SignPledgeButton } from '../unit/pledge-card';

/** What an inbox row is about, and the action itself where it fits on one screen. */
export function TaskContext({ task, acting, onDone }: { task: Task; acting: Acting; onDone: () => unknown }) {
  if (task.kind === 'APPROVAL' && task.chainId) {
    return (
      <>
        <p>
          {task.levelName ? `Cấp: ${task.levelName}. ` : ''}
          {task.items?.length ?? 0} nội dung chờ ý kiến.{' '}
          <Link href={`/approvals/${encodeURIComponent(task.chainId)}`}>Xem toàn bộ hồ sơ và diễn biến</Link>
        </p>
        <ChainDecision
          key={(task.items ?? []).map((i) => i.itemId).join(',')}
          chainId={task.chainId}
          items={task.items ?? []}
          onDone={onDone}
        />
      </>
    );
  }
  if (!task.cycleId) return <p>Không có thông tin chi tiết.</p>;
  return <CycleStepContext cycleId={task.cycleId} task={task} acting={acting} onDone={onDone} />;
}

function CycleStepContext({
  cycleId,
  task,
  acting,
  onDone,
}: {
  cycleId: string;
  task: Task;
  acting: Acting;
  onDone: () => unknown;
}) {
  const cycle = useResource(() => getCycle(cycleId), [cycleId]);
  if (!cycle.data) return cycle.loading ? <Loading /> : <ErrorAlert error={cycle.error} />;
  const c = cycle.data;
  const after = async () => {
    await cycle.reload();
    await onDone();
  };
  const unit = task.unitCode ?? acting.unitCode ?? '';
  switch (task.action) {
    case 'SIGN_PLEDGE':
      return (
        <>
          <PledgeText cycle={c} />
          <SignPledgeButton cycle={c} onSigned={after} />
        </>
      );
    case 'APPROVE_ASSESSMENT':
      return <SheetDecision cycle={c} unit={unit} mode="approve" onDone={after} />;
    case 'REVIEW_ASSESSMENT':
      return <SheetDecision cycle={c} unit={unit} mode="review" onDone={after} />;
    case 'REVIEW_DOSSIER':
      return (
        <>
          <DossierView cycle={c} />
          <DossierReview cycle={c} onChanged={after} />
        </>
      );
    case 'APPROVE_APPRAISAL':
      return (
        <>
          <NomineesTable cycle={c} caption="Kết quả thẩm định từng đề nghị" />
          <AppraisalApproval cycle={c} onChanged={after} />
        </>
      );
    case 'SUBMIT_DOSSIER':
    case 'APPRAISE':
    case 'COUNCIL_VOTE':
    case 'DECIDE':
      return (
        <>
          <NomineesTable cycle={c} />
          <p>{task.href ? <Link href={task.href}>Mở trang để thực hiện</Link> : null}</p>
        </>
      );
    default:
      return <p>{task.href ? <Link href={task.href}>Mở trang để thực hiện bước này</Link> : null}</p>;
  }
}

/** A unit's submitted score sheet, with the head's approval or the Trưởng khối's acceptance or return. */
function SheetDecision({
  cycle,
  unit,
  mode,
  onDone,
}: {
  cycle: CycleView;
  unit: string;
  mode: 'approve' | 'review';
  onDone: () => unknown;
}) {
  const sheets = useResource(() => getAssessment(cycle.cycleId, unit), [cycle.cycleId, unit]);
  const [returning, setReturning] = useState(false);
  const day = useRecordDate(cycle);
  const dated = day.occurredOn ? { occurredOn: day.occurredOn } : {};
  const approve = useAction(() => approveAssessment(cycle.cycleId, unit, { decision: 'APPROVE', ...dated }), {
    success: 'Đã phê duyệt bảng tự chấm điểm.',
    after: onDone,
  });
  const accept = useAction(() => reviewAssessment(cycle.cycleId, unit, { decision: 'ACCEPT', ...dated }), {
    success: `Đã chấp nhận bảng điểm của ${unitName(cycle, unit)}.`,
    after: onDone,
  });
  const giveBack = useAction(
    (reason: string) => reviewAssessment(cycle.cycleId, unit, { decision: 'RETURN', reason, ...dated }),
    { success: `Đã trả lại bảng điểm của ${unitName(cycle, unit)}.`, after: onDone },
  );
  const latest = sheets.data?.rounds[sheets.data.rounds.length - 1];
  const launch = cycle.launch;
  return (
    <>
      {!sheets.data ? sheets.loading ? <Loading /> : <ErrorAlert error={sheets.error} /> : null}
      {latest && launch ? (
        <ScoreTable
          caption={`Bảng tự chấm điểm của ${unitName(cycle, unit)}, lần nộp ${latest.round}`}
          criteria={launch.criteria}
          groups={launch.criteriaGroups}
          columns={[{ label: 'Tự chấm', scores: latest.phases.SELF?.scores, total: latest.selfTotal }]}
        />
      ) : null}
      {day.field}
      {mode === 'approve' ? (
        <Button busy={approve.busy} disabled={day.invalid} onClick={() => void approve.run()}>
          Phê duyệt bảng tự chấm điểm
        </Button>
      ) : returning ? (
        <ReasonForm
          label="Lý do trả lại"
          confirmLabel="Xác nhận trả lại"
          busy={giveBack.busy}
          onCancel={() => setReturning(false)}
          onSubmit={(reason) => void giveBack.run(reason)}
        />
      ) : (
        <div class="actions">
          <Button busy={accept.busy} disabled={day.invalid} onClick={() => void accept.run()}>
            Chấp nhận bảng điểm
          </Button>
          <Button kind="danger" disabled={day.invalid} onClick={() => setReturning(true)}>
            Trả lại
          </Button>
        </div>
      )}
      <ActionStatus action={approve} />
      <ActionStatus action={accept} />
      <ActionStatus action={giveBack} />
    </>
  );
}
