/**
 * A unit's sheet whose first workflow task carries a step: the cycle opened the sheet while the worker was busy, and the
 * unit's submit reached Temporal before the worker took the sheet's first task (seen at province scale and in CI). The
 * sheet then asks for two projections in one task: its opening's and the step's.
 *
 * With both local activities in flight at once, SDK core 1.24 resolves each as it finishes, but on replay resolves
 * both together; the step's answer and the deadline timer then change places, and the sheet's replay (after any cache
 * eviction, a task timeout or a worker restart) fails with TMPRL1100 "Timer machine does not handle this event:
 * WorkflowExecutionUpdateCompleted". The next step on it answered 503 for good.
 *
 * Since patch `sheet-projections-in-order` the sheet opens before any step can reach it and its projections run one at
 * a time (`unitSheetWorkflow`, and `unitAssessmentWorkflow` behind the patch). Each type here runs the same schedule on
 * a real worker (the opening's projection slow, the step's fast), then its own history is replayed. The type cycles
 * started between `lean-history` and that patch (`selfAssessmentWorkflow`) is the control: it must fail, or this test
 * did not bring about the schedule it is about.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { NativeConnection, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { CommandSealCodec } from '../../src/config/command-codec';
import { sealFor } from '../../src/shared/command-seal';
import { Role, type Actor } from '../../src/shared/actors';
import type { AssessmentInput, AssessmentState, ProjectedEvent } from '../../src/shared/cycle-types';
import { assessmentWorkflowId } from '../../src/shared/ids';
import { approveAssessmentUpdate, submitAssessmentUpdate } from '../../src/shared/messages';
import { bundleWorkflows, requireEnv, TEST_COMMAND_SIGNING, uniqueSuffix } from './support/harness';
import { recordHistoryIfAsked } from './support/histories';

const EventType = temporal.api.enums.v1.EventType;

const SHEET_TYPES = [
  { type: 'unitSheetWorkflow', replays: true, recordAs: 'sheet-first-task' },
  { type: 'unitAssessmentWorkflow', replays: true, recordAs: 'assessment-first-task' },
  { type: 'selfAssessmentWorkflow', replays: false, recordAs: undefined },
] as const;

describe('a sheet whose first workflow task carries the unit’s submit replays its own history', () => {
  let bundle: WorkflowBundleWithSourceMap;
  let connection: Connection;
  let client: Client;
  const codec = () => ({ payloadCodecs: [new CommandSealCodec(TEST_COMMAND_SIGNING)] });

  beforeAll(async () => {
    bundle = await bundleWorkflows();
    connection = await Connection.connect({ address: requireEnv('TEST_TEMPORAL_ADDRESS') });
    client = new Client({ connection, dataConverter: codec() });
  });
  afterAll(async () => {
    await connection.close();
  });

  it.each(SHEET_TYPES)(
    '$type (replays: $replays)',
    async ({ type, replays, recordAs }) => {
      const province = `Q${uniqueSuffix().toUpperCase()}`;
      const cycleId = `cycle.${province}.MTTQ-DT.2025`;
      const unitCode = `${province}-MTTQ`;
      const workflowId = assessmentWorkflowId(cycleId, unitCode);
      const taskQueue = `sheet-first-task-${uniqueSuffix()}`;
      const input: AssessmentInput = {
        cycleId,
        unitCode,
        unitName: 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh',
        leaderUnit: unitCode,
        deputyUnit: `${province}-HND`,
        memberUnits: [unitCode, `${province}-HND`],
        criteria: [
          { code: 'TC1', maxPoints: 60, evidenceRequired: false },
          { code: 'TC2', maxPoints: 40, evidenceRequired: false },
        ],
        deadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        phase: 'SELF_ASSESSMENT',
      } as AssessmentInput;
      const head: Actor = { userId: `head.${unitCode}`, role: Role.UNIT_HEAD, unitCode, provinceCode: province };

      // No worker polls yet: the sheet's first task waits, and the submit reaches Temporal before it is taken.
      const handle = await client.workflow.start(type, { taskQueue, workflowId, args: [input] });
      const updateId = `${submitAssessmentUpdate.name}:${randomUUID()}`;
      const submitted = handle.executeUpdate(submitAssessmentUpdate, {
        updateId,
        args: [
          {
            actor: head,
            scores: [
              { criterionCode: 'TC1', points: 55, evidenceRefs: [] },
              { criterionCode: 'TC2', points: 35, evidenceRefs: [] },
            ],
            seal: sealFor(workflowId, submitAssessmentUpdate.name, Date.now(), updateId),
          },
        ],
      });
      submitted.catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 1500));

      // The read model's writer: the opening's projection slow (a busy database), the step's fast, so that in the first
      // type's task the step's finishes first. Records the versions in the order they were written.
      const written: { version: number; type: string }[] = [];
      const projectAssessment = async ({ state, event }: { state: AssessmentState; event: ProjectedEvent }) => {
        await new Promise((resolve) => setTimeout(resolve, event.type === 'ASSESSMENT_OPENED' ? 400 : 5));
        written.push({ version: state.version, type: event.type });
      };
      const workerConnection = await NativeConnection.connect({ address: requireEnv('TEST_TEMPORAL_ADDRESS') });
      try {
        const worker = await Worker.create({
          connection: workerConnection,
          taskQueue,
          workflowBundle: bundle,
          activities: { projectAssessment },
          dataConverter: codec(),
        });
        // Then the unit's head approves it, in a task of its own.
        const approved = await worker.runUntil(async () => {
          expect(await submitted).toMatchObject({ cycleId, unitCode });
          const approveId = `${approveAssessmentUpdate.name}:${randomUUID()}`;
          return handle.executeUpdate(approveAssessmentUpdate, {
            updateId: approveId,
            args: [{ actor: head, seal: sealFor(workflowId, approveAssessmentUpdate.name, Date.now(), approveId) }],
          });
        });
        expect(approved).toMatchObject({ cycleId, unitCode });
      } finally {
        await workerConnection.close();
      }

      const history = await handle.fetchHistory();
      // The replay test keeps the two that must replay (RECORD_HISTORIES), running as they are here.
      if (recordAs) await recordHistoryIfAsked(workflowId, recordAs, client);
      await handle.terminate('test over');
      // The schedule this test is about: the first task took the submit, and both projections were recorded in it.
      const firstTask = eventsOfFirstTask(history);
      expect(firstTask.filter((t) => t === 'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED')).toHaveLength(1);
      expect(firstTask.filter((t) => t === 'EVENT_TYPE_MARKER_RECORDED').length).toBeGreaterThanOrEqual(2);
      expect(firstTask).toContain('EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED');
      expect(firstTask).toContain('EVENT_TYPE_TIMER_STARTED');

      const replayed = Worker.runReplayHistory({ workflowBundle: bundle, dataConverter: codec() }, history, workflowId);
      if (replays) {
        await expect(replayed).resolves.toBeUndefined();
        // The read model got the sheet's versions in order: the opening first, then the step decided on the opened sheet.
        expect(written.map((w) => w.type)).toEqual(['ASSESSMENT_OPENED', 'ASSESSMENT_SUBMITTED', 'ASSESSMENT_APPROVED_BY_UNIT']);
        expect(written.map((w) => w.version)).toEqual([...written.map((w) => w.version)].sort((a, b) => a - b));
      } else {
        await expect(replayed).rejects.toThrow(/Nondeterminism|nondeterminism/);
      }
    },
    60_000,
  );
});

/** The event types the sheet's first workflow task completed with (up to the next task's scheduling). */
function eventsOfFirstTask(history: History): string[] {
  const names = (history.events ?? []).map((e) => EventType[e.eventType ?? 0]);
  const completed = names.indexOf('EVENT_TYPE_WORKFLOW_TASK_COMPLETED');
  const next = names.indexOf('EVENT_TYPE_WORKFLOW_TASK_SCHEDULED', completed);
  return names.slice(completed + 1, next === -1 ? undefined : next);
}
