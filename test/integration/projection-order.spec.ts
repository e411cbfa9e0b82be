import type { DataSource } from 'typeorm';
import { createProjectionActivities } from '../../src/activities/projection.activities';
import { ViewTracker } from '../../src/shared/view-delta';
import { createDataSource } from '../../src/db/data-source';
import { seedDemoProvince, S1_UNITS, type DemoProvince } from '../../src/seed/demo-province';
import { NomineeStatus, Phase, type AssessmentState, type CycleState, type TimelineEvent } from '../../src/shared/cycle-types';
import { AwardType } from '../../src/shared/rules';
import { createTestDatabase, uniqueSuffix } from './support/harness';

/**
 * Projections of one workflow can reach the read model out of order (two updates in flight, a retried activity
 * that was slow): the version guard keeps the newest. Driven straight at the activity, newest first, so an older
 * snapshot arriving late is exactly what is tested.
 */
describe('Projection order: a stale snapshot after a newer one', () => {
  let ds: DataSource;
  let demo: DemoProvince;

  beforeAll(async () => {
    ds = createDataSource(await createTestDatabase());
    await ds.initialize();
    demo = await seedDemoProvince(ds, { provinceCode: `PO${uniqueSuffix().toUpperCase()}` });
  });

  afterAll(async () => {
    await ds?.destroy();
  });

  // Each test projects its own cycle (a bloc has one per year), so either runs alone.
  let year = 2000;
  const cycleId = () => `cycle.${demo.provinceCode}.${demo.blocCode}.${year}`;
  beforeEach(() => {
    year += 1;
  });
  const event = (seq: number): TimelineEvent => ({
    id: `${cycleId()}:${seq}`,
    cycleId: cycleId(),
    occurredAt: new Date(Date.UTC(2020, 0, seq)).toISOString(),
    phase: Phase.APPRAISAL,
    type: 'TEST',
    summaryVi: `Sự kiện thử số ${seq}`,
  });

  function cycleState(version: number, phase: Phase, nomineeStatus: NomineeStatus, votesFor: number | undefined): CycleState {
    const units = S1_UNITS.map((u) => ({ code: demo.unit(u.key), name: u.name }));
    return {
      cycleId: cycleId(),
      provinceCode: demo.provinceCode,
      blocCode: demo.blocCode,
      blocName: 'Khối thử',
      year,
      phase,
      version,
      units,
      leaderUnit: demo.unit('HLHPN'),
      deputyUnit: demo.unit('LDLD'),
      rulesVersion: `${demo.provinceCode}-ND91-2017`,
      pledges: {},
      lateUnits: {},
      assessments: {},
      nominees: [
        {
          id: 'n1',
          unitCode: demo.unit('HLHPN'),
          award: AwardType.CO_THI_DUA_TINH,
          status: nomineeStatus,
          ballotVotes: 6,
          ...(votesFor === undefined ? {} : { council: { votesFor, required: 12, passed: votesFor >= 12 } }),
        },
      ],
    };
  }

  it('given version 7 projected, when version 6 arrives late, should keep version 7 in the cycle and its nominations', async () => {
    const activities = createProjectionActivities(ds);
    await activities.projectCycle({ state: cycleState(7, Phase.DECISION, NomineeStatus.AWAITING_DECISION, 13), event: event(7) });
    await activities.projectCycle({
      state: cycleState(6, Phase.APPRAISAL, NomineeStatus.AWAITING_COUNCIL, undefined),
      event: event(6),
    });

    const [cycle] = await ds.query(`SELECT version, phase, state->>'version' AS "stateVersion" FROM cycles WHERE id = $1`, [
      cycleId(),
    ]);
    expect(cycle).toEqual({ version: 7, phase: Phase.DECISION, stateVersion: '7' });
    const [nomination] = await ds.query(`SELECT status, council_votes AS "councilVotes" FROM nominations WHERE cycle_id = $1`, [
      cycleId(),
    ]);
    expect(nomination).toEqual({ status: NomineeStatus.AWAITING_DECISION, councilVotes: 13 });
    // The late event is still a fact that happened: the timeline keeps both, in their own order.
    const events: { id: string }[] = await ds.query(`SELECT id FROM cycle_events WHERE cycle_id = $1 ORDER BY occurred_at`, [
      cycleId(),
    ]);
    expect(events.map((e) => e.id)).toEqual([`${cycleId()}:6`, `${cycleId()}:7`]);
  });

  it("given a nominee proposed under the cycle's rule set, when the decision under a later set rejects it, should carry that set's version and the reason", async () => {
    const activities = createProjectionActivities(ds);
    const proposed = cycleState(1, Phase.APPRAISAL, NomineeStatus.IN_APPRAISAL, undefined);
    await activities.projectCycle({ state: proposed, event: event(1) });
    const decided = cycleState(2, Phase.DECISION, NomineeStatus.REJECTED, 13);
    const [nominee] = decided.nominees;
    nominee.council = { votesFor: 13, required: 12, passed: true, rulesVersion: `${demo.provinceCode}-ND152-2025` };
    nominee.decision = {
      approve: false,
      number: '12/QĐ-UBND',
      date: '2026-01-20',
      reason: 'Đơn vị có cán bộ bị kỷ luật trong năm',
      rulesVersion: `${demo.provinceCode}-ND152-2025@2`,
    };
    await activities.projectCycle({ state: decided, event: event(2) });

    const rows = await ds.query(`SELECT status, rules_version AS "rulesVersion", reason FROM nominations WHERE cycle_id = $1`, [
      cycleId(),
    ]);
    expect(rows).toEqual([
      {
        status: NomineeStatus.REJECTED,
        rulesVersion: `${demo.provinceCode}-ND152-2025@2`,
        reason: 'Đơn vị có cán bộ bị kỷ luật trong năm',
      },
    ]);
  });

  it("given a nominee the council voted below its threshold, should keep the council's version and say so as the reason", async () => {
    const activities = createProjectionActivities(ds);
    const state = cycleState(1, Phase.DECISION, NomineeStatus.COUNCIL_REJECTED, 9);
    const [nominee] = state.nominees;
    nominee.council = { votesFor: 9, required: 12, passed: false, rulesVersion: `${demo.provinceCode}-ND152-2025` };
    await activities.projectCycle({ state, event: event(1) });

    const rows = await ds.query(`SELECT rules_version AS "rulesVersion", reason FROM nominations WHERE cycle_id = $1`, [
      cycleId(),
    ]);
    expect(rows).toEqual([
      {
        rulesVersion: `${demo.provinceCode}-ND152-2025`,
        reason: 'Hội đồng Thi đua – Khen thưởng tỉnh: 9 phiếu tán thành, cần 12',
      },
    ]);
  });

  it("given a unit's sheet accepted at version 3, when version 2 (submitted) arrives late, should keep it accepted", async () => {
    const activities = createProjectionActivities(ds);
    const unitCode = demo.unit('HND');
    await activities.projectCycle({
      state: { ...cycleState(1, Phase.SELF_ASSESSMENT, NomineeStatus.PROPOSED, undefined), nominees: [] },
      event: event(1),
    });
    const sheet = (version: number, status: AssessmentState['status']): AssessmentState => ({
      cycleId: cycleId(),
      unitCode,
      status,
      late: false,
      deadline: '2020-11-30T16:59:59.000Z',
      version,
      rounds: [
        {
          round: 1,
          scores: [{ criterionCode: 'TC1', points: 30, evidenceRefs: [] }],
          total: 30,
          submittedBy: 'focal',
          submittedAt: '2020-11-20T02:00:00.000Z',
          ...(status === 'ACCEPTED'
            ? {
                verified: {
                  scores: [{ criterionCode: 'TC1', points: 28, evidenceRefs: [] }],
                  total: 28,
                  by: 'lead',
                  at: '2020-11-25T02:00:00.000Z',
                  adjusted: true,
                },
              }
            : {}),
        },
      ],
    });
    await activities.projectAssessment({ state: sheet(3, 'ACCEPTED'), event: event(13) });
    await activities.projectAssessment({ state: sheet(2, 'SUBMITTED'), event: event(12) });

    const [row] = await ds.query(
      `SELECT assessment_status AS status, assessment_version AS version, verified_total::float AS total
       FROM cycle_units WHERE cycle_id = $1 AND unit_code = $2`,
      [cycleId(), unitCode],
    );
    expect(row).toEqual({ status: 'ACCEPTED', version: 3, total: 28 });
  });
  it('given deltas from the workflow, when version 3 lands before version 2, should hold the view of version 3, one unit row per pledge, and both timeline entries', async () => {
    const activities = createProjectionActivities(ds);
    const [a, b] = [demo.unit('HND'), demo.unit('DTN')];
    const v1 = { ...cycleState(1, Phase.PLEDGE, NomineeStatus.PROPOSED, undefined), nominees: [] };
    const v2 = { ...v1, version: 2, pledges: { [a]: { signedAt: '2020-03-01T02:00:00.000Z', signedBy: 'head-a' } } };
    const v3 = {
      ...v2,
      version: 3,
      pledges: { ...v2.pledges, [b]: { signedAt: '2020-03-02T02:00:00.000Z', signedBy: 'head-b' } },
    };
    const tracker = new ViewTracker();
    tracker.observe(v1, 1);
    const d1 = tracker.deltaOf(v1, 1);
    await activities.projectCycle({ cycleId: cycleId(), delta: d1, event: event(1) });
    tracker.markWritten(1);
    tracker.observe(v2, 2);
    const d2 = tracker.deltaOf(v2, 2);
    tracker.observe(v3, 3);
    const d3 = tracker.deltaOf(v3, 3);
    // Version 2's pledge is still in flight when version 3 is taken: version 3's delta carries both units' pledges.
    expect(Object.keys(d3.merge.pledges ?? {}).sort()).toEqual([a, b].sort());

    await activities.projectCycle({ cycleId: cycleId(), delta: d3, event: event(3) });
    await activities.projectCycle({ cycleId: cycleId(), delta: d2, event: event(2) });

    const [cycle] = await ds.query(`SELECT version, state FROM cycles WHERE id = $1`, [cycleId()]);
    expect(cycle).toEqual({ version: 3, state: v3 });
    const units: { unit_code: string; signed: boolean }[] = await ds.query(
      `SELECT unit_code, pledge_signed_at IS NOT NULL AS signed FROM cycle_units WHERE cycle_id = $1 AND pledge_signed_at IS NOT NULL ORDER BY unit_code`,
      [cycleId()],
    );
    expect(units.map((u) => u.unit_code)).toEqual([a, b].sort());
    const snapshots: { version: number }[] = await ds.query(
      `SELECT version FROM cycle_snapshots WHERE cycle_id = $1 ORDER BY version`,
      [cycleId()],
    );
    // Version 2 landed under version 3: its exact view is not known, so no snapshot of it is made up.
    expect(snapshots.map((r) => r.version)).toEqual([1, 3]);
    const events: { id: string }[] = await ds.query(`SELECT id FROM cycle_events WHERE cycle_id = $1 ORDER BY occurred_at`, [
      cycleId(),
    ]);
    expect(events.map((e) => e.id)).toEqual([1, 2, 3].map((n) => `${cycleId()}:${n}`));
  });
});
