import request from 'supertest';
import { CycleChangeFeed } from '../../src/db/cycle-changes';
import { Phase } from '../../src/shared/cycle-types';
import { seedDemoProvince } from '../../src/seed/demo-province';
import { as, provisionIdentities, type Headers } from './support/actors';
import { uniqueSuffix, useS1Harness } from './support/harness';

interface Answer {
  status: number;
  body: { phase?: string; version?: number; changeMark?: number; code?: string; unitProgress?: { assessmentStatus: string }[] };
  ms: number;
}

/**
 * Following a cycle without polling: GET /v1/cycles/:id?after=<changeMark>&waitSeconds=<s> answers once the cycle shows
 * a change after the mark the client has (a step on the cycle or on one unit's sheet, announced by the projection's
 * pg_notify at its commit), or when the wait ends, with the view as it then stands. The scope check comes first.
 */
describe('waiting for a cycle to change (long poll)', () => {
  const ctx = useS1Harness();

  const read = async (query: string, headers: Headers = as.admin()): Promise<Answer> => {
    const started = Date.now();
    const res = await request(ctx.h.app.getHttpServer()).get(`/v1/cycles/${ctx.s1.cycleId}${query}`).set(headers);
    return { status: res.status, body: res.body, ms: Date.now() - started };
  };
  const feed = () => ctx.h.app.get(CycleChangeFeed);

  it('given a waiting reader, with no change should answer the view as it stands when the wait ends; when a step changes the cycle, at once with the new view', async () => {
    const { s1 } = ctx;
    await s1.start();
    const first = await read('');
    expect(first.status).toBe(200);
    const mark = first.body.changeMark as number;
    expect(mark).toBe(first.body.version);

    // With nothing happening, the wait ends with the view as it stands (and the API's feed is listening by then).
    const quiet = await read(`?after=${mark}&waitSeconds=1`);
    expect(quiet.status).toBe(200);
    expect(quiet.body.changeMark).toBe(mark);
    expect(quiet.ms).toBeGreaterThanOrEqual(900);

    // A wait that starts before the step answers with the view the step made, well before its 20 s.
    const waiting = read(`?after=${mark}&waitSeconds=20`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(feed().watching).toBe(1);
    await s1.launch();
    const changed = await waiting;
    expect(changed.status).toBe(200);
    expect(changed.body.phase).toBe(Phase.PLEDGE);
    expect(changed.body.changeMark).toBeGreaterThan(mark);
    expect(changed.ms).toBeLessThan(15_000);
    expect(feed().watching).toBe(0);

    // An older mark answers at once.
    const behind = await read(`?after=${mark}&waitSeconds=20`);
    expect(behind.body.changeMark).toBe(changed.body.changeMark);
    expect(behind.ms).toBeLessThan(15_000);
  });

  it('given a waiting reader, when a unit submits its sheet (the cycle itself unchanged), should answer with the sheet shown', async () => {
    const { s1 } = ctx;
    await s1.signAll();
    await s1.waitForPhase(Phase.SELF_ASSESSMENT);
    const before = await read('');
    const waiting = read(`?after=${before.body.changeMark}&waitSeconds=20`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await s1.submitAssessment('MTTQ');
    const after = await waiting;
    expect(after.status).toBe(200);
    expect(after.body.version).toBe(before.body.version);
    expect(after.body.changeMark).toBeGreaterThan(before.body.changeMark as number);
    expect(after.body.unitProgress?.map((u) => u.assessmentStatus)).toContain('SUBMITTED');
    expect(after.ms).toBeLessThan(15_000);
  });

  it('given the feed’s connection killed by the database, should still answer a waiter at the next change and listen again', async () => {
    const { s1 } = ctx;
    expect(feed().listening).toBe(true);
    const killed: { pid: number }[] = await ctx.h.dataSource.query(
      `SELECT pg_terminate_backend(pid) AS killed, pid FROM pg_stat_activity WHERE query LIKE 'LISTEN %' AND datname = current_database()`,
    );
    expect(killed.length).toBeGreaterThan(0);
    const before = await read('');
    const waiting = read(`?after=${before.body.changeMark}&waitSeconds=20`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await s1.approveAssessment('MTTQ');
    const after = await waiting;
    expect(after.body.changeMark).toBeGreaterThan(before.body.changeMark as number);
    expect(after.ms).toBeLessThan(15_000);
    // The feed reconnects (its first delay is half a second) and hears the next change again.
    for (let i = 0; i < 50 && !feed().listening; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(feed().listening).toBe(true);
  });

  it('given a reader outside the cycle’s scope or a bad wait, should refuse at once without waiting', async () => {
    const { s1 } = ctx;
    const mark = (await read('')).body.changeMark as number;
    // The board's specialist of another province: the cycle is not in scope, as if it did not exist.
    const other = await seedDemoProvince(ctx.h.dataSource, { provinceCode: `W${uniqueSuffix().toUpperCase()}` });
    await provisionIdentities(ctx.h.app, ctx.h.dataSource, other.provinceCode, []);
    const outside = await read(`?after=${mark}&waitSeconds=25`, as.specialist(other.provinceCode));
    expect(outside.status).toBe(404);
    expect(outside.body.code).toBe('CYCLE_NOT_FOUND');
    expect(outside.ms).toBeLessThan(15_000);
    for (const query of [`?after=${mark}&waitSeconds=26`, '?after=-1&waitSeconds=5', '?after=x&waitSeconds=5']) {
      const bad = await read(query);
      expect({ query, status: bad.status, code: bad.body.code }).toEqual({ query, status: 400, code: 'VALIDATION_FAILED' });
    }
    expect(feed().watching).toBe(0);
    expect(s1.cycleId).not.toBe('');
  });
});
