/**
 * Batched projections (patch projection-batch): the six units of a bloc sign their pledges at the same moment; the
 * cycle writes the events that arrive while a projection is running in one batch. Whatever the batches, the read
 * model must hold every event, its own sentence, a snapshot of every recorded version, every unit's row, and an
 * unbroken audit chain; and every pledge request is answered with a view that already holds its own pledge.
 */
import request from 'supertest';
import { temporal } from '@temporalio/proto';
import { Phase, type CycleState } from '../../src/shared/cycle-types';
import { PATCH_PROJECTION_BATCH } from '../../src/shared/patches';
import { as } from './support/actors';
import { useS1Harness } from './support/harness';
import { recordHistoryIfAsked } from './support/histories';
import { ALL_UNITS } from './support/s1-scenario';

describe('Batched projections of a cycle', () => {
  const ctx = useS1Harness();

  it('given six pledges at once, should answer each with its own pledge and write every event, snapshot and audit entry', async () => {
    const { h, s1 } = ctx;
    await s1.start();
    await s1.launch();
    const answers = (await Promise.all(
      ALL_UNITS.map((key) => s1.post(`/v1/cycles/${s1.cycleId}/pledges`, as.head(s1.u(key)))),
    )) as CycleState[];
    ALL_UNITS.forEach((key, i) => expect(answers[i].pledges[s1.u(key)]?.signedAt).toBeDefined());
    const state = await s1.waitForPhase(Phase.SELF_ASSESSMENT);

    const units: { unit_code: string; pledge_signed_at: Date | null }[] = await h.dataSource.query(
      `SELECT unit_code, pledge_signed_at FROM cycle_units WHERE cycle_id = $1 ORDER BY unit_code`,
      [s1.cycleId],
    );
    expect(units.map((u) => u.unit_code)).toEqual(ALL_UNITS.map((k) => s1.u(k)).sort());
    expect(units.every((u) => u.pledge_signed_at !== null)).toBe(true);

    // Each event has its own sentence (its unit's name), and a snapshot of the version it recorded.
    const events: { id: string; type: string; summary_vi: string; actor_unit_code: string | null }[] = await h.dataSource.query(
      `SELECT id, type, summary_vi, actor_unit_code FROM cycle_events WHERE cycle_id = $1 ORDER BY occurred_at, id`,
      [s1.cycleId],
    );
    const pledged = events.filter((e) => e.type === 'PLEDGE_SIGNED');
    expect(pledged.map((e) => e.actor_unit_code).sort()).toEqual(ALL_UNITS.map((k) => s1.u(k)).sort());
    for (const e of pledged) {
      const name = state.units.find((u) => u.code === e.actor_unit_code)?.name ?? '';
      expect(e.summary_vi).toContain(name);
    }
    const snapshots: { version: number; state: CycleState }[] = await h.dataSource.query(
      `SELECT version, state FROM cycle_snapshots WHERE cycle_id = $1 ORDER BY version`,
      [s1.cycleId],
    );
    const byVersion = new Map(snapshots.map((s) => [Number(s.version), s.state]));
    for (const e of events) {
      const version = Number(e.id.slice(e.id.lastIndexOf(':') + 1));
      expect(byVersion.get(version)?.version).toBe(version);
    }
    // A pledge's snapshot holds that pledge and the ones recorded before it, no later one.
    for (const e of pledged) {
      const version = Number(e.id.slice(e.id.lastIndexOf(':') + 1));
      const signed = Object.keys(byVersion.get(version)?.pledges ?? {});
      expect(signed).toContain(e.actor_unit_code);
      expect(signed).toHaveLength(pledged.filter((p) => Number(p.id.slice(p.id.lastIndexOf(':') + 1)) <= version).length);
    }

    const audited: { n: number }[] = await h.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE cycle_id = $1`, [
      s1.cycleId,
    ]);
    expect(audited[0].n).toBeGreaterThanOrEqual(events.length);
    const verification = (await request(h.app.getHttpServer()).get('/v1/audit/verify').set(as.auditor())).body as {
      ok: boolean;
    };
    expect(verification.ok).toBe(true);

    // The history: the batch patch, and every projection of the cycle as a batch (fewer than the events when they met).
    const history = await h.client.workflow.getHandle(s1.cycleId).fetchHistory();
    const markers = (history.events ?? []).flatMap((e) =>
      e.eventType === temporal.api.enums.v1.EventType.EVENT_TYPE_MARKER_RECORDED ? [e.markerRecordedEventAttributes] : [],
    );
    const decode = (m: (typeof markers)[number]) =>
      Object.values(m?.details ?? {})
        .flatMap((p) => p.payloads ?? [])
        .map((p) => Buffer.from(p.data ?? new Uint8Array()).toString('utf8'))
        .join(' ');
    expect(markers.some((m) => m?.markerName === 'core_patch' && decode(m).includes(PATCH_PROJECTION_BATCH))).toBe(true);
    const projections = markers.filter((m) => m?.markerName === 'core_local_activity').map(decode);
    expect(projections.length).toBeGreaterThan(0);
    expect(projections.every((p) => p.includes('projectCycleSteps'))).toBe(true);
    console.log(`projection-batch: ${events.length} events of the cycle written by ${projections.length} projections`);

    await recordHistoryIfAsked(s1.cycleId, 'cycle-batched-pledges', h.client);
  }, 120_000);
});
