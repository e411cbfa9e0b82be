import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { castBallotUpdate } from '../../src/shared/messages';
import { Phase, type CycleState } from '../../src/shared/cycle-types';
import { AwardType } from '../../src/shared/rules';
import { bundleWorkflows, createHarness, requireEnv, type Harness } from './support/harness';
import { freePort, portOpen, REPO_ROOT, startProcess, waitFor, type Proc } from './support/processes';
import { newReceiptSecret, S1_BALLOTS, S1Driver } from './support/s1-scenario';

const WORKER_ENTRY = path.join(REPO_ROOT, 'dist/src/worker/main.js');

/**
 * Crash tests with real processes: the compiled worker is killed with SIGKILL in the middle of the
 * conference and replaced; then the Temporal dev server itself is killed and restarted on its SQLite file.
 * The cycle must finish with exactly the outcome of scenario S1.
 */
describe('Durability: worker and Temporal server crashes', () => {
  let bundle: WorkflowBundleWithSourceMap;
  let h: Harness;
  let s1: S1Driver;
  let dir: string;
  let temporalPort: number;
  let server: Proc | undefined;
  let worker: Proc | undefined;

  const startServer = async () => {
    server = startProcess(path.join(REPO_ROOT, 'scripts/temporal-dev.sh'), [], {
      TEMPORAL_CLI: requireEnv('TEMPORAL_CLI'),
      TEMPORAL_PORT: String(temporalPort),
      TEMPORAL_UI_PORT: String(await freePort()),
      TEMPORAL_DB_FILE: path.join(dir, 'temporal.sqlite'),
      TEMPORAL_HEADLESS: '1',
    });
    await waitFor(() => portOpen(temporalPort), 'the Temporal dev server');
  };

  const startWorker = async () => {
    const proc = startProcess(process.execPath, [WORKER_ENTRY], {
      DATABASE_URL: h.config.databaseUrl,
      TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: h.config.temporal.taskQueue,
      COMMAND_SIGNING_KEY: h.config.commandSigning.current,
    });
    await waitFor(() => proc.output().includes('worker: polling'), 'the worker process to poll');
    worker = proc;
  };

  beforeAll(async () => {
    if (!existsSync(WORKER_ENTRY)) throw new Error(`${WORKER_ENTRY} is missing: run npm run build first (scripts/test.sh does)`);
    dir = mkdtempSync(path.join(tmpdir(), 'thidua-durability-'));
    temporalPort = await freePort();
    await startServer();
    bundle = await bundleWorkflows();
    h = await createHarness({ bundle, temporalAddress: `127.0.0.1:${temporalPort}`, withoutWorker: true });
    s1 = new S1Driver(h.app, h.demo);
    await startWorker();
  });

  afterAll(async () => {
    await worker?.kill('SIGKILL');
    await h?.close();
    await server?.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('given a worker killed mid-conference and a restarted Temporal server, should finish the cycle with nothing lost', async () => {
    await s1.start();
    await s1.launch();
    await s1.signAll();
    await s1.waitForPhase(Phase.SELF_ASSESSMENT);
    await s1.assessAll();
    await s1.waitForPhase(Phase.CONFERENCE);
    await s1.openConference();
    await s1.openBallot();
    for (const ballot of S1_BALLOTS.slice(0, 3)) await s1.castBallot(ballot);

    // The worker dies without any chance to clean up; a vote is sent while no worker is running, and only the
    // replacement worker takes it (proven from the history below, not assumed from a sleep). The workflow's task waits
    // for the dead worker's sticky queue to time out first, so the API may answer 202: the client re-sends the same
    // request (same id, same receipt secret), as a client does, until the first update's answer comes back.
    const killedPid = worker?.child.pid;
    await worker?.kill('SIGKILL');
    const requestId = `durability-${randomUUID()}`;
    const receiptSecret = newReceiptSecret();
    const voteUntilAnswered = async (): Promise<CycleState> => {
      for (;;) {
        try {
          return (await s1.castBallot(S1_BALLOTS[3], requestId, receiptSecret)) as CycleState;
        } catch (err) {
          if (!(err instanceof Error && err.message.includes('got 202'))) throw err;
        }
      }
    };
    const pendingVote: Promise<CycleState> = voteUntilAnswered();
    await startWorker();
    const afterRestart = await pendingVote;
    expect(afterRestart.ballot?.voted).toHaveLength(4);
    const acceptedBy = await updateAcceptedBy(h, s1.cycleId, `${castBallotUpdate.name}:${requestId}`);
    expect(acceptedBy).toMatch(new RegExp(`^${worker?.child.pid}@`));
    expect(acceptedBy).not.toMatch(new RegExp(`^${killedPid}@`));

    for (const ballot of S1_BALLOTS.slice(4)) await s1.castBallot(ballot);

    // The Temporal server dies too, and comes back on the same SQLite file.
    await server?.kill('SIGKILL');
    await startServer();

    const closed = await retryWhileServerRecovers(() => s1.closeBallot());
    expect(closed.minutes?.voteCount.ballotsReturned).toBe(6);
    expect(closed.nextLeader).toBe(s1.u('LDLD'));
    expect(closed.nextDeputy).toBe(s1.u('DTN'));
    expect(closed.nominees.map((n) => `${n.award}:${n.unitCode}`).sort()).toEqual(
      [
        `${AwardType.BANG_KHEN_CHU_TICH}:${s1.u('DTN')}`,
        `${AwardType.BANG_KHEN_CHU_TICH}:${s1.u('HND')}`,
        `${AwardType.CO_THI_DUA_TINH}:${s1.u('HLHPN')}`,
      ].sort(),
    );

    await s1.waitForPhase(Phase.SUBMISSION);
    await s1.submitDossier();
    const inAppraisal = await s1.reviewDossier('ACCEPT');
    const voted = await s1.councilVote(await s1.appraiseAll(inAppraisal));
    await s1.decideAll(voted);
    await s1.waitForPhase(Phase.COMPLETED);

    const flag = await s1.get(`/v1/units/${s1.u('HLHPN')}/awards`);
    expect(flag.awards).toEqual([expect.objectContaining({ award: AwardType.CO_THI_DUA_TINH, year: 2020 })]);
    const timeline = await s1.get(`/v1/cycles/${s1.cycleId}/timeline`);
    const casts = timeline.events.filter((e: { type: string }) => e.type === 'BALLOT_CAST');
    expect(casts).toHaveLength(6);
  });
});

/** The identity of the worker whose workflow task accepted the update (the task completed just before it). */
async function updateAcceptedBy(h: Harness, workflowId: string, updateId: string): Promise<string | undefined> {
  const events = (await h.client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const accepted = events.findIndex(
    (e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId === updateId,
  );
  if (accepted < 0) return undefined;
  const completed = events
    .slice(0, accepted)
    .reverse()
    .find((e) => e.workflowTaskCompletedEventAttributes);
  return completed?.workflowTaskCompletedEventAttributes?.identity ?? undefined;
}

/** Right after the server restarts, the first calls may fail while connections are re-established. */
async function retryWhileServerRecovers<T>(call: () => Promise<T>, attempts = 30): Promise<T> {
  let lastError: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      return await call();
    } catch (err) {
      lastError = err;
      if (!/got 5\d\d/.test(String(err))) throw err;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  throw lastError;
}
