import { randomUUID } from 'node:crypto';
import { Client, Connection, WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { encodeWorkflowUpdateStage, WorkflowUpdateStage } from '@temporalio/client/lib/workflow-update-stage';
import { ApplicationFailure, defaultPayloadConverter, type Payload } from '@temporalio/common';
import type { History } from '@temporalio/common/lib/proto-utils';
import { identityUsername } from '../../src/seed/identities';
import { Role, type Actor } from '../../src/shared/actors';
import { Phase, type CycleInput } from '../../src/shared/cycle-types';
import { assessmentWorkflowId } from '../../src/shared/ids';
import { cycleStateQuery } from '../../src/shared/messages';
import { as } from './support/actors';
import { useS1Harness } from './support/harness';
import { recordHistoryIfAsked } from './support/histories';
import { s1DriverForYear } from './support/s1-scenario';
import { waitFor } from './support/wait';

type HistoryEvent = NonNullable<History['events']>[number];
const COMPLETED = encodeWorkflowUpdateStage(WorkflowUpdateStage.COMPLETED);

/**
 * Issue 11: whoever reaches Temporal directly (the Web UI, `temporal workflow update execute`, a raw SDK client) must not
 * be able to act as anyone. Every command below is sent around the API, as an attacker with Temporal access would; each
 * is refused with UNSIGNED_COMMAND, leaves nothing in the history, the timeline or the audit chain, and is recorded in
 * security_events. The same steps through the API still work.
 */
describe('Forged commands sent straight to Temporal', () => {
  const ctx = useS1Harness();
  /** The attacker's client: the Temporal address and namespace, but no signing key (no codec). */
  let raw: Client;
  let rawConnection: Connection;
  let leader: Actor;
  let sealedPledge: Payload;
  let sealedStart: Payload;

  const historyOf = async (workflowId: string): Promise<HistoryEvent[]> =>
    (await raw.workflow.getHandle(workflowId).fetchHistory()).events ?? [];

  const traces = async () => {
    const { h, s1 } = ctx;
    const audit: { n: string }[] = await h.dataSource.query(`SELECT count(*) AS n FROM audit_log`);
    return {
      history: (await historyOf(s1.cycleId)).length,
      timeline: ((await s1.get(`/v1/cycles/${s1.cycleId}/timeline`)).events as unknown[]).length,
      audit: Number(audit[0]?.n),
    };
  };

  const securityEvents = (
    workflowId: string,
    name: string,
    updateId?: string,
  ): Promise<{ reason: string; claimed_actor: Actor }[]> =>
    ctx.h.dataSource.query(
      `SELECT reason, claimed_actor FROM security_events WHERE workflow_id = $1 AND update_name = $2 AND ($3::text IS NULL OR update_id = $3)`,
      [workflowId, name, updateId ?? null],
    );

  /** The first accepted update of this name in the history, as Temporal stores it (sealed by the API's codec). */
  const acceptedPayload = (events: HistoryEvent[], name: string): Payload => {
    const event = events.find((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === name);
    const payload = event?.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.args?.payloads?.[0];
    if (!payload) throw new Error(`no accepted ${name} in the history`);
    return payload;
  };

  /** Sends an update with exactly this payload, as `temporal workflow update execute` or the Web UI would. */
  const sendRawUpdate = async (workflowId: string, name: string, updateId: string, payload: Payload) => {
    const res = await raw.workflowService.updateWorkflowExecution({
      namespace: 'default',
      workflowExecution: { workflowId },
      request: { meta: { updateId, identity: 'attacker' }, input: { name, args: { payloads: [payload] } } },
      waitPolicy: { lifecycleStage: COMPLETED },
    });
    return res.outcome?.failure?.applicationFailureInfo?.type;
  };

  /** Checks the refusal left no trace and was recorded. */
  async function expectRefusedUpdate(updateId: string, send: () => Promise<string | null | undefined>, claimed?: string) {
    const { s1 } = ctx;
    const before = await traces();
    expect(await send()).toBe('UNSIGNED_COMMAND');
    expect(await traces()).toEqual(before);
    const recorded = await securityEvents(s1.cycleId, 'signPledge', updateId);
    expect(recorded).toHaveLength(1);
    if (claimed) expect(recorded[0]?.claimed_actor.userId).toBe(claimed);
  }

  const updateFailureType = async (send: Promise<unknown>): Promise<string | undefined> => {
    const error: unknown = await send.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause;
    return cause instanceof ApplicationFailure ? (cause.type ?? undefined) : undefined;
  };

  /** Starts a cycle workflow straight on Temporal from the captured start input without its seal; its failure. */
  const forgeStart = async (workflowId: string, year: number): Promise<unknown> => {
    const input = defaultPayloadConverter.fromPayload<CycleInput>(sealedStart);
    const { seal: _seal, ...unsealedInput } = input;
    const handle = await raw.workflow.start('cycleWorkflow', {
      workflowId,
      taskQueue: ctx.h.config.temporal.taskQueue,
      args: [{ ...unsealedInput, cycleId: workflowId, year, startedBy: leader }],
    });
    return handle.result().then(
      () => undefined,
      (e: unknown) => e,
    );
  };

  beforeAll(async () => {
    const { h, s1 } = ctx;
    rawConnection = await Connection.connect({ address: h.config.temporal.address });
    raw = new Client({ connection: rawConnection, namespace: 'default' });
    await s1.start();
    await s1.launch();
    await s1.signAll(['LDLD']);
    const events = await historyOf(s1.cycleId);
    leader = defaultPayloadConverter.fromPayload<{ actor: Actor }>(acceptedPayload(events, 'launch')).actor;
    sealedPledge = acceptedPayload(events, 'signPledge');
    const started = events[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    if (!started) throw new Error('no start input in the history');
    sealedStart = started;
  });

  afterAll(async () => {
    await rawConnection?.close();
  });

  it('given the captured commands, should show they were sealed for this cycle by the API (with a MAC Temporal cannot make)', () => {
    expect(leader.userId).toBe(identityUsername(Role.UNIT_HEAD, ctx.s1.u('HLHPN')));
    expect(Object.keys(sealedPledge.metadata ?? {})).toEqual(expect.arrayContaining(['thidua-seal-mac', 'thidua-seal-kid']));
    const pledge = defaultPayloadConverter.fromPayload<{ seal: { workflowId: string; name: string } }>(sealedPledge);
    expect(pledge.seal).toMatchObject({ workflowId: ctx.s1.cycleId, name: 'signPledge' });
  });

  it('given an unsealed update claiming to be the Trưởng khối, should refuse it with UNSIGNED_COMMAND and record it', async () => {
    const updateId = `signPledge:forged-${randomUUID()}`;
    await expectRefusedUpdate(
      updateId,
      () =>
        updateFailureType(
          raw.workflow.getHandle(ctx.s1.cycleId).executeUpdate('signPledge', { args: [{ actor: leader }], updateId }),
        ),
      leader.userId,
    );
  });

  it('given an update whose sender set seal.verified itself, should refuse it with UNSIGNED_COMMAND', async () => {
    const { s1 } = ctx;
    const updateId = `signPledge:forged-${randomUUID()}`;
    const seal = {
      workflowId: s1.cycleId,
      name: 'signPledge',
      updateId,
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
      verified: true,
    };
    await expectRefusedUpdate(
      updateId,
      () =>
        updateFailureType(
          raw.workflow.getHandle(s1.cycleId).executeUpdate('signPledge', { args: [{ actor: leader, seal }], updateId }),
        ),
      leader.userId,
    );
    const [event] = await securityEvents(s1.cycleId, 'signPledge', updateId);
    expect(event?.reason).toContain('does not verify');
  });

  it('given a genuinely sealed command from the history, when replayed under another update id, should refuse it', async () => {
    const updateId = `signPledge:replayed-${randomUUID()}`;
    await expectRefusedUpdate(updateId, () => sendRawUpdate(ctx.s1.cycleId, 'signPledge', updateId, sealedPledge));
    const [event] = await securityEvents(ctx.s1.cycleId, 'signPledge', updateId);
    expect(event?.reason).toContain('update id');
  });

  it('given a genuinely sealed command whose actor was changed to the Trưởng khối, should refuse it (the MAC no longer verifies)', async () => {
    const original = defaultPayloadConverter.fromPayload<{ seal: { updateId: string } }>(sealedPledge);
    const tampered = { ...defaultPayloadConverter.fromPayload<object>(sealedPledge), actor: leader };
    const payload: Payload = { ...sealedPledge, data: defaultPayloadConverter.toPayload(tampered).data };
    // Sent under a fresh id: the original id would only return the first answer (Temporal deduplicates update ids).
    const updateId = `signPledge:tampered-${randomUUID()}`;
    expect(original.seal.updateId).not.toBe(updateId);
    await expectRefusedUpdate(updateId, () => sendRawUpdate(ctx.s1.cycleId, 'signPledge', updateId, payload), leader.userId);
  });

  it('given an unsealed start of a cycle, should fail that workflow at once with UNSIGNED_COMMAND, before any projection', async () => {
    const { h, s1 } = ctx;
    const forgedId = s1.cycleId.replace(/\.\d{4}$/, '.2031');
    const error = await forgeStart(forgedId, 2031);
    expect(error).toBeInstanceOf(WorkflowFailedError);
    expect(((error as WorkflowFailedError).cause as ApplicationFailure).type).toBe('UNSIGNED_COMMAND');
    const history = await historyOf(forgedId);
    expect(
      history.some((e) => e.activityTaskScheduledEventAttributes || e.startChildWorkflowExecutionInitiatedEventAttributes),
    ).toBe(false);
    expect(await h.dataSource.query(`SELECT 1 FROM cycles WHERE id = $1`, [forgedId])).toEqual([]);
    expect(await h.dataSource.query(`SELECT 1 FROM audit_log WHERE cycle_id = $1`, [forgedId])).toEqual([]);
    const [event] = await securityEvents(forgedId, 'start:cycleWorkflow');
    expect(event?.claimed_actor.userId).toBe(leader.userId);
  });

  it('given the API’s sealed start input replayed to start another cycle, should fail that workflow with UNSIGNED_COMMAND', async () => {
    const { h, s1 } = ctx;
    const forgedId = s1.cycleId.replace(/\.\d{4}$/, '.2032');
    await raw.workflowService.startWorkflowExecution({
      namespace: 'default',
      workflowId: forgedId,
      workflowType: { name: 'cycleWorkflow' },
      taskQueue: { name: h.config.temporal.taskQueue },
      input: { payloads: [sealedStart] },
      identity: 'attacker',
      requestId: randomUUID(),
    });
    const error: unknown = await raw.workflow
      .getHandle(forgedId)
      .result()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(((error as WorkflowFailedError).cause as ApplicationFailure).type).toBe('UNSIGNED_COMMAND');
    const [event] = await securityEvents(forgedId, 'start:cycleWorkflow');
    expect(event?.reason).toContain('is for workflow');
  });

  it('given a forged start that failed, should let the API start that cycle (the id is not squatted), and refuse a sealed command of the other cycle replayed to it', async () => {
    const { h, s1 } = ctx;
    const forgedId = s1.cycleId.replace(/\.\d{4}$/, '.2021');
    expect(((await forgeStart(forgedId, 2021)) as WorkflowFailedError).cause).toMatchObject({ type: 'UNSIGNED_COMMAND' });
    // The 2021 leadership as the board sets a year no cycle elected: the same units as in 2020.
    const next = await s1DriverForYear(h.app, h.demo, 2021);
    await next.start();
    expect(next.cycleId).toBe(s1.cycleId.replace(/\.\d{4}$/, '.2021'));
    await next.launch();
    // LDLD's sealed 2020 pledge, replayed to the 2021 cycle: a valid pledge there but for the seal.
    const before = (await historyOf(next.cycleId)).length;
    const updateId = `signPledge:replayed-${randomUUID()}`;
    expect(await sendRawUpdate(next.cycleId, 'signPledge', updateId, sealedPledge)).toBe('UNSIGNED_COMMAND');
    expect((await historyOf(next.cycleId)).length).toBe(before);
    const [event] = await securityEvents(next.cycleId, 'signPledge', updateId);
    expect(event?.reason).toContain('is for workflow');
    await next.signAll(['LDLD']);
  });

  it('after forged commands to a cycle, should leave the audit chain intact and let the Trưởng khối sign through the API', async () => {
    // A cycle of its own, which the forgeries below are the only ones to touch.
    const s1 = await s1DriverForYear(ctx.h.app, ctx.h.demo, 2022);
    await s1.start();
    await s1.launch();
    const unsealed = `signPledge:forged-${randomUUID()}`;
    expect(
      await updateFailureType(
        raw.workflow.getHandle(s1.cycleId).executeUpdate('signPledge', { args: [{ actor: leader }], updateId: unsealed }),
      ),
    ).toBe('UNSIGNED_COMMAND');
    const replayed = `signPledge:replayed-${randomUUID()}`;
    expect(await sendRawUpdate(s1.cycleId, 'signPledge', replayed, sealedPledge)).toBe('UNSIGNED_COMMAND');
    expect(await securityEvents(s1.cycleId, 'signPledge')).toHaveLength(2);

    const verification = await s1.get('/v1/audit/verify', as.auditor());
    expect(verification.ok).toBe(true);
    const leaderUnit = s1.u('HLHPN');
    const before = await ctx.h.client.workflow.getHandle(s1.cycleId).query(cycleStateQuery);
    expect(before.pledges[leaderUnit]).toBeUndefined();
    const state = await s1.post(`/v1/cycles/${s1.cycleId}/pledges`, s1.leader);
    expect(state.pledges[leaderUnit]).toMatchObject({ signedBy: leader.userId });
    const page = await s1.get('/v1/admin/security-events?pageSize=2', as.auditor());
    expect(page).toMatchObject({ page: 1, pageSize: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThanOrEqual(2);
    expect(Date.parse(page.items[0].at)).toBeGreaterThanOrEqual(Date.parse(page.items[1].at));
    expect((await s1.get('/v1/admin/security-events', as.admin())).items[0].kind).toBe('UNSIGNED_COMMAND');
  });

  it('given an approval chain, should refuse a forged decision and an unsealed chain start, and take the decision through the API', async () => {
    const { h, s1 } = ctx;
    const province = h.demo.provinceCode;
    const definition = {
      code: 'THU',
      name: 'Quy trình thử',
      levels: [{ code: 'CV', name: 'Chuyên viên', approvers: { role: Role.BOARD_SPECIALIST, label: 'CV' }, mode: 'ANY' }],
      maxReturnRounds: 1,
      afterMaxRounds: 'REJECT',
    };
    const items = [{ itemId: 'BK:DTN', title: 'Bằng khen – Tỉnh đoàn', subjectUnitCode: s1.u('DTN') }];
    const started = await s1.post(
      '/v1/approvals',
      as.admin(),
      { definition, provinceCode: province, title: 'Hồ sơ thử', items },
      201,
    );
    const chainId = started.chainId as string;
    const specialist: Actor = {
      userId: identityUsername(Role.BOARD_SPECIALIST, province),
      role: Role.BOARD_SPECIALIST,
      provinceCode: province,
    };
    // Wait until the chain is idle (its start's projection done), so that only the forgery could add an event.
    const before = await waitFor('the new chain to be idle', async () => {
      const events = await historyOf(chainId);
      const pending = (await raw.workflow.getHandle(chainId).describe()).raw.pendingActivities ?? [];
      return events.at(-1)?.workflowTaskCompletedEventAttributes && pending.length === 0 ? events.length : undefined;
    });
    const updateId = `chainCommand:forged-${randomUUID()}`;
    const forged = raw.workflow
      .getHandle(chainId)
      .executeUpdate('chainCommand', { args: [{ type: 'APPROVE', actor: specialist, itemIds: ['BK:DTN'] }], updateId });
    expect(await updateFailureType(forged)).toBe('UNSIGNED_COMMAND');
    expect((await historyOf(chainId)).length).toBe(before);
    expect(await securityEvents(chainId, 'chainCommand', updateId)).toHaveLength(1);

    const input = defaultPayloadConverter.fromPayload<{ seal?: unknown }>(
      (await historyOf(chainId))[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0] as Payload,
    );
    const forgedChainId = `approval.${province}.${randomUUID()}`;
    const { seal: _seal, ...unsealedInput } = input;
    const chain = await raw.workflow.start('approvalChainWorkflow', {
      workflowId: forgedChainId,
      taskQueue: h.config.temporal.taskQueue,
      args: [{ ...unsealedInput, chainId: forgedChainId }],
    });
    const error: unknown = await chain.result().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(((error as WorkflowFailedError).cause as ApplicationFailure).type).toBe('UNSIGNED_COMMAND');
    expect(await h.dataSource.query(`SELECT 1 FROM approval_chains WHERE chain_id = $1`, [forgedChainId])).toEqual([]);
    expect(await securityEvents(forgedChainId, 'start:approvalChainWorkflow')).toHaveLength(1);

    const decided = await s1.post(`/v1/approvals/${chainId}/decisions`, as.specialist(province), {
      decision: 'APPROVE',
      itemIds: ['BK:DTN'],
    });
    expect(decided.status).toBe('COMPLETE');
  });

  it("given a close signal sent straight to a unit's self-assessment before its deadline, should ignore and record it", async () => {
    const { h } = ctx;
    // A cycle of its own in its self-assessment phase.
    const s1 = await s1DriverForYear(h.app, h.demo, 2023);
    await s1.start();
    await s1.launch();
    await s1.signAll();
    await s1.waitForPhase(Phase.SELF_ASSESSMENT);
    const childId = assessmentWorkflowId(s1.cycleId, s1.u('DTN'));
    await raw.workflow.getHandle(childId).signal('closeAssessment');
    const [event] = await waitFor('the refused close in security_events', async () => {
      const rows = await securityEvents(childId, 'signal:closeAssessment');
      return rows.length > 0 ? rows : undefined;
    });
    expect(event?.reason).toMatch(/^a close before the self-assessment deadline .* cannot come from the cycle$/);
    // The unit's self-assessment is still open: its focal person submits through the API.
    const submitted = (await s1.submitAssessment('DTN')) as { status: string };
    expect(submitted.status).toBe('SUBMITTED');
    expect((await h.client.workflow.getHandle(childId).describe()).status.name).toBe('RUNNING');
    await recordHistoryIfAsked(childId, 'assessment-early-close');
  });

  it('given a unit head, should refuse the security events with FORBIDDEN_ACTOR', async () => {
    const { s1 } = ctx;
    await expect(s1.get('/v1/admin/security-events', s1.leader)).rejects.toThrow(/403/);
  });
});
