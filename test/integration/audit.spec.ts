import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import request from 'supertest';
import { createProjectionActivities } from '../../src/activities/projection.activities';
import { verifyBundle, type EvidenceBundle } from '../../src/audit/evidence-bundle';
import { S1_UNITS, seedDemoProvince } from '../../src/seed/demo-province';
import { Phase, type AssessmentState, type TimelineEvent } from '../../src/shared/cycle-types';
import { Role } from '../../src/shared/actors';
import { identityUsername } from '../../src/seed/identities';
import { as, provisionAccounts, provisionIdentities, type Headers } from './support/actors';
import { bundleWorkflows, createHarness, uniqueSuffix, type Harness } from './support/harness';
import { waitFor } from './support/wait';
import { ALL_UNITS, S1Driver, s1DriverForYear } from './support/s1-scenario';
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

  beforeAll(async () => {
    bundle = await bundleWorkflows();
    h = await createHarness({ bundle });
  });

  afterAll(async () => {
    await h?.close();
  });

  const http = () => request(h.app.getHttpServer());
  const verify = async (): Promise<Verification> =>
    (await request(h.app.getHttpServer()).get('/v1/audit/verify').set(auditor())).body as Verification;
  const entriesOf = (
    cycleId: string,
  ): Promise<{ seq: string; event_id: string; type: string; kind: string; actor_user_id: string | null }[]> =>
    h.dataSource.query(`SELECT seq, event_id, type, kind, actor_user_id FROM audit_log WHERE cycle_id = $1 ORDER BY seq`, [
      cycleId,
    ]);
  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number((await h.dataSource.query<{ n: string }[]>(sql, params))[0]?.n);
  const total = () => count(`SELECT count(*) AS n FROM audit_log`);

  /** Timeline events without an audit entry, and cycle audit entries without a timeline event: both must be none. */
  const unmatched = () =>
    count(
      `SELECT count(*) AS n FROM cycle_events e FULL JOIN audit_log a ON a.event_id = e.id
       WHERE a.seq IS NULL OR (e.id IS NULL AND a.cycle_id IS NOT NULL)`,
    );

  /**
   * The demo bloc's 2020 cycle, started, launched and pledged by all six units, its pledge phase closed by itself and the
   * six assessment rounds opened: 15 entries, built once while nothing else writes to the chain (so they follow each
   * other), and only read by the tests that use it.
   */
  let pledged: Promise<S1Driver> | undefined;
  const pledgedCycle = (): Promise<S1Driver> =>
    (pledged ??= (async () => {
      const s1 = new S1Driver(h.app, h.demo);
      await s1.start();
      await s1.launch();
      await s1.signAll();
      await s1.waitForPhase(Phase.SELF_ASSESSMENT);
      await waitFor('the 15 entries of the pledged cycle', async () => {
        const rows = await entriesOf(s1.cycleId);
        return rows.filter((e) => e.type === 'ASSESSMENT_OPENED').length === 6 ? true : undefined;
      });
      return s1;
    })());

  /** A cycle of its own (another year of the demo bloc), started, launched and pledged by one unit: three entries. */
  const ownCycle = async (year: number): Promise<{ s1: S1Driver; seqs: number[] }> => {
    const s1 = await s1DriverForYear(h.app, h.demo, year);
    await s1.start();
    await s1.launch();
    await s1.signAll(['LDLD']);
    const rows = await waitFor(`the three entries of ${s1.cycleId}`, async () => {
      const found = await entriesOf(s1.cycleId);
      return found.length === 3 ? found : undefined;
    });
    return { s1, seqs: rows.map((r) => Number(r.seq)) };
  };

  it('given a cycle started, launched and signed by every unit, should log each step once, in order, and verify the chain', async () => {
    const s1 = await pledgedCycle();
    const entries = await entriesOf(s1.cycleId);
    expect(entries.slice(0, 8).map((e) => [e.type, e.kind])).toEqual([
      ['CYCLE_STARTED', 'HUMAN'],
      ['LAUNCHED', 'HUMAN'],
      ...Array.from({ length: 6 }, () => ['PLEDGE_SIGNED', 'HUMAN']),
    ]);
    expect(entries.slice(0, 8).map((e) => e.actor_user_id)).toEqual([
      identityUsername(Role.BOARD_HEAD, h.demo.provinceCode),
      identityUsername(Role.UNIT_HEAD, s1.u('HLHPN')),
      ...ALL_UNITS.map((key) => identityUsername(Role.UNIT_HEAD, s1.u(key))),
    ]);
    // One chain position per step, with nothing between them (nothing else wrote while the cycle was built).
    const seqs = entries.map((e) => Number(e.seq));
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
    expect(await unmatched()).toBe(0);

    const result = await verify();
    const n = await total();
    expect(result).toMatchObject({ ok: true, entries: n, head: { seq: n } });
    expect(result.firstBroken).toBeUndefined();
  });

  it('given the last signature, when the pledge phase closes by itself, should log a SYSTEM entry without actor', async () => {
    const s1 = await pledgedCycle();
    const closed: { kind: string; actor_user_id: string | null; actor_role: string | null }[] = await h.dataSource.query(
      `SELECT kind, actor_user_id, actor_role FROM audit_log WHERE cycle_id = $1 AND type = 'PLEDGE_CLOSED'`,
      [s1.cycleId],
    );
    expect(closed).toEqual([{ kind: 'SYSTEM', actor_user_id: null, actor_role: null }]);
    // The six assessment children open their rounds on their own too.
    const opened = await count(
      `SELECT count(*) AS n FROM audit_log WHERE cycle_id = $1 AND type = 'ASSESSMENT_OPENED' AND kind = 'SYSTEM'`,
      [s1.cycleId],
    );
    expect(opened).toBe(6);
    expect(await unmatched()).toBe(0);
    expect(await verify()).toMatchObject({ ok: true, entries: await total() });
  });

  it('given a unit head, should refuse verification and evidence; given an admin, should answer', async () => {
    const s1 = await pledgedCycle();
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
    const s1 = await pledgedCycle();
    const before = await total();
    const res = await http().post(`/v1/cycles/${s1.cycleId}/self-assessment/close`).set(auditor());
    expect(res.status).toBe(403);
    expect(await total()).toBe(before);
  });

  // The two tampering tests edit and delete rows of a cycle of their own, which no other test reads.

  it('given a row edited in the database, should report that row with HASH_MISMATCH, and none once restored', async () => {
    const {
      s1,
      seqs: [, launched, signed],
    } = await ownCycle(2021);
    const [row] = await h.dataSource.query<{ summary_vi: string }[]>(`SELECT summary_vi FROM audit_log WHERE seq = $1`, [signed]);
    try {
      await h.dataSource.query(`UPDATE audit_log SET summary_vi = 'sửa' WHERE seq = $1`, [signed]);
      expect(await verify()).toMatchObject({
        ok: false,
        entries: await total(),
        firstBroken: { seq: signed, eventId: `${s1.cycleId}:3`, reason: 'HASH_MISMATCH' },
      });
    } finally {
      await h.dataSource.query(`UPDATE audit_log SET summary_vi = $1 WHERE seq = $2`, [row?.summary_vi, signed]);
    }
    expect((await verify()).ok).toBe(true);

    // A change below the millisecond shows too: instants are hashed with PostgreSQL's microseconds.
    try {
      await h.dataSource.query(`UPDATE audit_log SET occurred_at = occurred_at + interval '1 microsecond' WHERE seq = $1`, [
        launched,
      ]);
      expect((await verify()).firstBroken).toMatchObject({ seq: launched, reason: 'HASH_MISMATCH' });
    } finally {
      await h.dataSource.query(`UPDATE audit_log SET occurred_at = occurred_at - interval '1 microsecond' WHERE seq = $1`, [
        launched,
      ]);
    }
    expect((await verify()).ok).toBe(true);
  });

  it('given a row deleted from the database, should report the next one with PREV_HASH_MISMATCH', async () => {
    const {
      seqs: [, launched, signed],
    } = await ownCycle(2022);
    const entries = await total();
    const [saved] = await h.dataSource.query<Record<string, unknown>[]>(`SELECT * FROM audit_log WHERE seq = $1`, [launched]);
    const columns = Object.keys(saved ?? {});
    try {
      await h.dataSource.query(`DELETE FROM audit_log WHERE seq = $1`, [launched]);
      expect(await verify()).toMatchObject({
        ok: false,
        entries: entries - 1,
        firstBroken: { seq: signed, reason: 'PREV_HASH_MISMATCH' },
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
    expect(await verify()).toMatchObject({ ok: true, entries });
  });

  it("given the cycle's evidence bundle, should verify offline, and fail once its JSON is tampered with", async () => {
    const s1 = await pledgedCycle();
    const res = await http().get(`/v1/cycles/${s1.cycleId}/evidence`).set(auditor());
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    // What leaves the server is the JSON text: verify what a recipient parses.
    const exported = JSON.parse(JSON.stringify(res.body)) as EvidenceBundle;
    const seqs = (await entriesOf(s1.cycleId)).map((e) => Number(e.seq));
    // The head is the whole chain's at the time of the export, whichever cycle wrote it.
    expect(exported).toMatchObject({
      format: 'thidua.evidence/v1',
      cycleId: s1.cycleId,
      exportedBy: { userId: 'kiemtoan', role: 'AUDITOR' },
      readModel: { cycle: { cycleId: s1.cycleId, phase: Phase.SELF_ASSESSMENT } },
      audit: { chain: 'GLOBAL', head: { seq: await total() } },
    });
    expect(exported.readModel.units).toHaveLength(6);
    expect(exported.audit.entries).toHaveLength(15);

    // The cycle's entries follow each other (the fixture was built while nothing else wrote): every link but the first
    // is checked offline; the first links to the last entry before it, outside this cycle.
    expect(verifyBundle(exported)).toEqual({
      ok: true,
      cycleId: s1.cycleId,
      entries: 15,
      linksVerified: 14,
      linksToOtherCycles: 1,
      filesVerified: 0,
    });

    const edited = structuredClone(exported);
    edited.audit.entries[3].summaryVi = 'sửa';
    expect(verifyBundle(edited)).toMatchObject({ ok: false, firstBroken: { seq: seqs[3], reason: 'HASH_MISMATCH' } });

    const actorChanged = structuredClone(exported);
    actorChanged.audit.entries[2].actorUserId = 'someone.else';
    expect(verifyBundle(actorChanged).firstBroken).toMatchObject({ seq: seqs[2], reason: 'HASH_MISMATCH' });

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

    const entries = await total();
    expect(await count(`SELECT max(seq) AS n FROM audit_log`)).toBe(entries);
    expect(await count(`SELECT count(DISTINCT prev_hash) AS n FROM audit_log`)).toBe(entries);
    expect(await unmatched()).toBe(0);
    expect(await verify()).toMatchObject({ ok: true, entries });

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
      .put(`/v1/units/${unit}/ratings/2019`)
      .set(as.specialist(h.demo.provinceCode))
      .send({ rating: 'HTTNV', basis: 'Quyết định xếp loại 2019' });
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
