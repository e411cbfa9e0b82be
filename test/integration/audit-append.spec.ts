import type { DataSource } from 'typeorm';
import { verifyChain } from '../../src/audit/audit-chain';
import { ENTRY_COLUMNS, toEntry, type EntryRow } from '../../src/api/audit/audit.service';
import { appendAudits, type AuditInput } from '../../src/db/audit-append';
import { createDataSource } from '../../src/db/data-source';
import { createTestDatabase } from './support/harness';

/**
 * The audit chain's append takes a batch (a projection of many events holds the chain's lock once): each entry linked
 * to the one before, inputs already in the log or earlier in the batch skipped, and batches committed at once by
 * different transactions still one unbroken chain.
 */
describe('Audit chain: appending a batch', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = createDataSource(await createTestDatabase());
    await ds.initialize();
  });

  afterAll(async () => {
    await ds?.destroy();
  });

  const input = (eventId: string): AuditInput => ({
    eventId,
    cycleId: null,
    occurredAt: '2026-12-07T10:00:00.000Z',
    actor: { userId: 'canbo.tdkt', role: 'BOARD_SPECIALIST' },
    type: 'TEST',
    phase: null,
    summaryVi: `Mục thử ${eventId}`,
    data: { eventId },
  });
  const entries = async () => {
    const rows: EntryRow[] = await ds.query(`SELECT ${ENTRY_COLUMNS} FROM audit_log a ORDER BY a.seq`);
    return rows.map(toEntry);
  };

  it('given a batch with a repeat and a later batch with a known entry, should append each new input once, in order, linked', async () => {
    await ds.transaction((m) => appendAudits(m, [input('a'), input('b'), input('a'), input('c')]));
    await ds.transaction((m) => appendAudits(m, [input('b'), input('d')]));
    await ds.transaction((m) => appendAudits(m, [input('c')]));

    const log = await entries();
    expect(log.map((e) => [e.seq, e.eventId])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
      [4, 'd'],
    ]);
    expect(log.slice(1).map((e) => e.prevHash)).toEqual(log.slice(0, -1).map((e) => e.hash));
    expect(verifyChain(log)).toEqual({ ok: true, entries: 4, head: { seq: 4, hash: log[3].hash } });
  });

  it('given eight transactions appending batches at once, should leave one unbroken chain holding every input', async () => {
    const before = (await entries()).length;
    await Promise.all(
      Array.from({ length: 8 }, (_, t) =>
        ds.transaction((m) =>
          appendAudits(
            m,
            Array.from({ length: 5 }, (_, i) => input(`t${t}-${i}`)),
          ),
        ),
      ),
    );
    const log = await entries();
    expect(log).toHaveLength(before + 40);
    expect(new Set(log.slice(before).map((e) => e.eventId)).size).toBe(40);
    expect(verifyChain(log).ok).toBe(true);
    // A batch's entries are consecutive: the lock is held from its append to its commit.
    for (let t = 0; t < 8; t++) {
      const seqs = log.filter((e) => e.eventId.startsWith(`t${t}-`)).map((e) => e.seq);
      expect(seqs).toEqual(Array.from({ length: 5 }, (_, i) => seqs[0] + i));
    }
  });
});
