import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import request from 'supertest';
import { createProjectionActivities } from '../../src/activities/projection.activities';
import { verifyBundle, type EvidenceBundle } from '../../src/audit/evidence-bundle';
import { S1_UNITS, seedDemoProvince } from '../../src/seed/demo-province';
import { Phase, type AssessmentState, type TimelineEvent } from '../../src/shared/cycle-types';
import { Role } from '../../src/shared/actors';
import { as, provisionAccounts, provisionIdentities, type Headers } from './support/actors';
import { bundleWorkflows, createHarness, uniqueSuffix, type Harness } from './support/harness';
import { waitFor } from './support/wait';
import { S1Driver } from './support/s1-scenario';
import { createProvince } from './support/organisation';

const auditor = (): Headers => as.auditor();

interface Verification {
  ok: boolean;
  entries: number;
  head?: { seq: number; hash: string };
  firstBroken?: { seq: number; eventId: string; reason: string; detail: string };
}

describe('Audit log: every step appended to a hash chain in the transaction of its read-model change', () => {
  let bundle: WorkflowBundleWithSourceMap;
  let h: Harness;
  let s1: S1Driver;
  /** Entries before the first cycle: the demo organisation, created through the audited master-data service. */
  let base: number;

  beforeAll(async () => {
    bundle = await bundleWorkflows();
    h = await createHarness({ bundle });
    s1 = new S1Driver(h.app, h.demo);
    base = await count(`SELECT count(*) AS n FROM audit_log`);
  });

  afterAll(async () => {
    await h?.close();
  });

  const http = () => request(h.app.getHttpServer());
  const verify = async (): Promise<Verification> => (await s1.get('/v1/audit/verify', auditor())) as Verification;
  const entriesOf = (cycleId: string): Promise<{ seq: string; event_id: string; type: string; kind: string }[]> =>
    h.dataSource.query(`SELECT seq, event_id, type, kind, actor_user_id FROM audit_log WHERE cycle_id = $1 ORDER BY seq`, [
      cycleId,
    ]);
  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number((await h.dataSource.query<{ n: string }[]>(sql, params))[0]?.n);

  /** Timeline events without an audit entry, and cycle audit entries without a timeline event: both must be none. */
  const unmatched = () =>
    count(
      `SELECT count(*) AS n FROM cycle_events e FULL JOIN audit_log a ON a.event_id = e.id
       WHERE a.seq IS NULL OR (e.id IS NULL AND a.cycle_id IS NOT NULL)`,
    );

  it('given a cycle started, launched and signed by two units, should log each step once and verify the chain', async () => {
    await s1.start();
    await s1.launch();
    await s1.signAll(['HLHPN', 'LDLD']);

    const entries = await waitFor('four entries', async () => {
      const rows = await entriesOf(s1.cycleId);
      return rows.length >= 4 ? rows : undefined;
    });
    expect(entries.map((e) => [e.type, e.kind])).toEqual([
      ['CYCLE_STARTED', 'HUMAN'],
      ['LAUNCHED', 'HUMAN'],
      ['PLEDGE_SIGNED', 'HUMAN'],
      ['PLEDGE_SIGNED', 'HUMAN'],
    ]);
    expect(entries.map((e) => Number(e.seq) - base)).toEqual([1, 2, 3, 4]);
    expect(await unmatched()).toBe(0);

    const result = await verify();
    expect(result).toMatchObject({ ok: true, entries: base + 4, head: { seq: base + 4 } });
    expect(result.firstBroken).toBeUndefined();
  });

  it('given the last four signatures, when the pledge phase closes by itself, should log a SYSTEM entry without actor', async () => {
    await s1.signAll(['MTTQ', 'HCCB', 'HND', 'DTN']);
    await s1.waitForPhase(Phase.SELF_ASSESSMENT);
    // The six assessment children open their rounds on their own too.
    await waitFor('the assessment rounds opened', async () => {
      const rows = await entriesOf(s1.cycleId);
      return rows.filter((e) => e.type === 'ASSESSMENT_OPENED').length === 6 ? rows : undefined;
    });

    const closed: { kind: string; actor_user_id: string | null; actor_role: string | null }[] = await h.dataSource.query(
      `SELECT kind, actor_user_id, actor_role FROM audit_log WHERE cycle_id = $1 AND type = 'PLEDGE_CLOSED'`,
      [s1.cycleId],
    );
    expect(closed).toEqual([{ kind: 'SYSTEM', actor_user_id: null, actor_role: null }]);
    const opened = await count(`SELECT count(*) AS n FROM audit_log WHERE type = 'ASSESSMENT_OPENED' AND kind = 'SYSTEM'`);
    expect(opened).toBe(6);
    expect(await unmatched()).toBe(0);
    expect(await verify()).toMatchObject({ ok: true, entries: base + 15 });
  });

  it('given a unit head, should refuse verification and evidence; given an admin, should answer', async () => {
    const head = as.head(s1.u('HLHPN'));
    for (const path of ['/v1/audit/verify', `/v1/cycles/${s1.cycleId}/evidence`]) {
      const res = await http().get(path).set(head);
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'FORBIDDEN_ACTOR' });
      expect((await http().get(path).set(as.admin())).status).toBe(200);
    }
    const missing = await http().get('/v1/cycles/cycle.XX.YY.2020/evidence').set(auditor());
    expect({ status: missing.status, code: missing.body.code }).toEqual({ status: 404, code: 'CYCLE_NOT_FOUND' });
  });

  it('given an auditor, when a step is attempted, should refuse it: the role is read-only', async () => {
    const res = await http().post(`/v1/cycles/${s1.cycleId}/self-assessment/close`).set(auditor());
    expect(res.status).toBe(403);
  });

  it('given a row edited in the database, should report that row with HASH_MISMATCH, and none once restored', async () => {
    const [row] = await h.dataSource.query<{ summary_vi: string }[]>(`SELECT summary_vi FROM audit_log WHERE seq = $1`, [
      base + 3,
    ]);
    try {
      await h.dataSource.query(`UPDATE audit_log SET summary_vi = 'sửa' WHERE seq = $1`, [base + 3]);
      expect(await verify()).toMatchObject({
        ok: false,
        entries: base + 15,
        firstBroken: { seq: base + 3, eventId: `${s1.cycleId}:3`, reason: 'HASH_MISMATCH' },
      });
    } finally {
      await h.dataSource.query(`UPDATE audit_log SET summary_vi = $1 WHERE seq = $2`, [row?.summary_vi, base + 3]);
    }
    expect((await verify()).ok).toBe(true);

    // A change below the millisecond shows too: instants are hashed with PostgreSQL's microseconds.
    try {
      await h.dataSource.query(`UPDATE audit_log SET occurred_at = occurred_at + interval '1 microsecond' WHERE seq = $1`, [
        base + 5,
      ]);
      expect((await verify()).firstBroken).toMatchObject({ seq: base + 5, reason: 'HASH_MISMATCH' });
    } finally {
      await h.dataSource.query(`UPDATE audit_log SET occurred_at = occurred_at - interval '1 microsecond' WHERE seq = $1`, [
        base + 5,
      ]);
    }
    expect((await verify()).ok).toBe(true);
  });

  it('given a row deleted from the database, should report the next one with PREV_HASH_MISMATCH', async () => {
    const [saved] = await h.dataSource.query<Record<string, unknown>[]>(`SELECT * FROM audit_log WHERE seq = $1`, [base + 6]);
    const columns = Object.keys(saved ?? {});
    try {
      await h.dataSource.query(`DELETE FROM audit_log WHERE seq = $1`, [base + 6]);
      expect(await verify()).toMatchObject({
        ok: false,
        entries: base + 14,
        firstBroken: { seq: base + 7, reason: 'PREV_HASH_MISMATCH' },
      });
    } finally {
      await h.dataSource.query(
        `INSERT INTO audit_log (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
        columns.map((c) => {
          const value = saved?.[c];
          return c === 'payload' && value !== null ? JSON.stringify(value) : value;
        }),
      );
    }
    expect(await verify()).toMatchObject({ ok: true, entries: base + 15 });
  });

  it("given the cycle's evidence bundle, should verify offline, and fail once its JSON is tampered with", async () => {
    const res = await http().get(`/v1/cycles/${s1.cycleId}/evidence`).set(auditor());
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    // What leaves the server is the JSON text: verify what a recipient parses.
    const exported = JSON.parse(JSON.stringify(res.body)) as EvidenceBundle;
    expect(exported).toMatchObject({
      format: 'thidua.evidence/v1',
      cycleId: s1.cycleId,
      exportedBy: { userId: 'kiemtoan', role: 'AUDITOR' },
      readModel: { cycle: { cycleId: s1.cycleId, phase: Phase.SELF_ASSESSMENT } },
      audit: { chain: 'GLOBAL', head: { seq: base + 15 } },
    });
    expect(exported.readModel.units).toHaveLength(6);
    expect(exported.audit.entries).toHaveLength(15);

    // Only this cycle has run so far: its entries follow each other and every link but the first is checked offline;
    // the first links to the last entry before it, the seeded organisation's (outside any cycle).
    expect(verifyBundle(exported)).toEqual({
      ok: true,
      cycleId: s1.cycleId,
      entries: 15,
      linksVerified: 14,
      linksToOtherCycles: 1,
    });

    const edited = structuredClone(exported);
    edited.audit.entries[3].summaryVi = 'sửa';
    expect(verifyBundle(edited)).toMatchObject({ ok: false, firstBroken: { seq: base + 4, reason: 'HASH_MISMATCH' } });

    const actorChanged = structuredClone(exported);
    actorChanged.audit.entries[2].actorUserId = 'someone.else';
    expect(verifyBundle(actorChanged).firstBroken).toMatchObject({ seq: base + 3, reason: 'HASH_MISMATCH' });

    // With one chain for the database, a missing entry is not proven offline: it shows only as a link that
    // the database must check (GET /v1/audit/verify above).
    const deleted = structuredClone(exported);
    deleted.audit.entries.splice(5, 1);
    expect(verifyBundle(deleted).ok).toBe(true);
    expect(verifyBundle(deleted).linksToOtherCycles).toBe(2);
  });

  it('given two cycles progressing at once and a burst of concurrent projections with retries, should leave one valid chain', async () => {
    const drivers = await Promise.all(
      ['A', 'B'].map(async (tag) => {
        const demo = await seedDemoProvince(h.dataSource, { provinceCode: `T${tag}${uniqueSuffix().toUpperCase()}` });
        await provisionIdentities(
          h.app,
          h.dataSource,
          demo.provinceCode,
          S1_UNITS.map((u) => demo.unit(u.key)),
        );
        return new S1Driver(h.app, demo);
      }),
    );
    const units = ['HLHPN', 'LDLD', 'MTTQ', 'HCCB', 'HND', 'DTN'] as const;
    await Promise.all(
      drivers.map(async (d) => {
        await d.start();
        await d.launch();
        // Signatures of one cycle in parallel too: their projections commit in any order.
        await Promise.all(units.map((key) => d.signAll([key])));
        await d.waitForPhase(Phase.SELF_ASSESSMENT);
        await waitFor(`the 15 entries of ${d.cycleId}`, async () =>
          (await entriesOf(d.cycleId)).length === 15 ? true : undefined,
        );
      }),
    );

    // Straight at the activity, as a retried or duplicated task would call it: same event id twice.
    const activities = createProjectionActivities(h.dataSource);
    const cycleId = `cycle.T${uniqueSuffix().toUpperCase()}.BURST.2020`;
    const state: AssessmentState = {
      cycleId,
      unitCode: 'NONE',
      status: 'DRAFT',
      late: false,
      deadline: '',
      version: 1,
      rounds: [],
    };
    const event = (i: number): TimelineEvent => ({
      id: `${cycleId}:${i}`,
      cycleId,
      occurredAt: new Date().toISOString(),
      phase: Phase.SELF_ASSESSMENT,
      type: 'BURST',
      summaryVi: `Sự kiện thử số ${i}`,
      data: { i },
    });
    await Promise.all(Array.from({ length: 30 }, (_, i) => activities.projectAssessment({ state, event: event(i % 20) })));
    expect(await count(`SELECT count(*) AS n FROM audit_log WHERE cycle_id = $1`, [cycleId])).toBe(20);

    const total = await count(`SELECT count(*) AS n FROM audit_log`);
    expect(await count(`SELECT max(seq) AS n FROM audit_log`)).toBe(total);
    expect(await count(`SELECT count(DISTINCT prev_hash) AS n FROM audit_log`)).toBe(total);
    expect(await unmatched()).toBe(0);
    expect(await verify()).toMatchObject({ ok: true, entries: total });

    for (const d of drivers) {
      const res = await http().get(`/v1/cycles/${d.cycleId}/evidence`).set(auditor());
      const result = verifyBundle(JSON.parse(JSON.stringify(res.body)));
      expect(result).toMatchObject({ ok: true, entries: 15 });
    }
  });

  it('given administrative writes outside any cycle, should append each in its transaction, and a refused one nothing', async () => {
    const unit = h.demo.unit('HCCB');
    const outside = () => count(`SELECT count(*) AS n FROM audit_log WHERE cycle_id IS NULL`);
    const other = `X${h.demo.provinceCode}`;
    await createProvince(h.app, other, 'Tỉnh khác');
    await provisionAccounts(h.app, h.dataSource, [
      {
        username: `chuyenvien.${other.toLowerCase()}`,
        displayName: 'Chuyên viên tỉnh khác',
        role: Role.BOARD_SPECIALIST,
        provinceCode: other,
      },
    ]);
    const before = await outside();
    const foreign = await http()
      .post(`/v1/units/${unit}/conditions`)
      .set(as.user(`chuyenvien.${other.toLowerCase()}`))
      .send({ kind: 'AUDIT', sourceAgency: 'KTNN', description: 'x', reference: 'y', fromDate: '2020-03-01' });
    expect({ status: foreign.status, code: foreign.body.code }).toEqual({ status: 403, code: 'OUT_OF_SCOPE' });
    const condition = await http().post(`/v1/units/${unit}/conditions`).set(as.specialist(h.demo.provinceCode)).send({
      kind: 'AUDIT',
      sourceAgency: 'Kiểm toán Nhà nước khu vực X',
      description: 'Kiểm toán ngân sách',
      reference: '12/KTNN',
      fromDate: '2020-03-01',
    });
    expect(condition.status).toBe(201);
    const refused = await http().post(`/v1/units/${unit}/conditions`).set(as.specialist(h.demo.provinceCode)).send({
      kind: 'AUDIT',
      sourceAgency: 'KTNN',
      description: 'x',
      reference: 'y',
      fromDate: '2020-03-01',
      toDate: '2020-01-01',
    });
    expect(refused.status).toBe(400);
    const rating = await http()
      .put(`/v1/units/${unit}/ratings/2020`)
      .set(as.specialist(h.demo.provinceCode))
      .send({ rating: 'HTTNV', basis: 'Quyết định xếp loại 2020' });
    expect(rating.status).toBe(200);
    const rows: { type: string; actor_user_id: string; summary_vi: string }[] = await h.dataSource.query(
      `SELECT type, actor_user_id, summary_vi FROM audit_log WHERE cycle_id IS NULL ORDER BY seq DESC LIMIT 2`,
    );
    expect(await outside()).toBe(before + 2);
    expect(rows.map((r) => r.type)).toEqual(['UNIT_RATING_SET', 'UNIT_CONDITION_RECORDED']);
    expect(rows[1].summary_vi).toContain('kiểm toán');
    expect(rows.every((r) => r.actor_user_id === `chuyenvien.${h.demo.provinceCode.toLowerCase()}`)).toBe(true);
    expect((await verify()).ok).toBe(true);
  });
});
