import { createHash } from 'node:crypto';

/**
 * The audit log's hash chain: canonical serialisation, hashing and verification, with no I/O. Shared by the
 * writer (src/activities), the verifier (src/api/audit) and the offline bundle verifier (verify-bundle.ts).
 * It needs node:crypto, so it lives outside src/shared and src/domain: the workflow sandbox never imports it.
 */

/** The prev_hash of the first entry of the chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** HUMAN: a person's step (the event names its actor); SYSTEM: a timer, an escalation, an automatic close. */
export type AuditKind = 'HUMAN' | 'SYSTEM';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One entry as hashed: every column of audit_log except `hash`. */
export interface AuditRecord {
  /** Position in the one chain of the database: 1, 2, 3 ... in commit order. */
  seq: number;
  /** The timeline event (`<workflow id>:<version>`); one entry per event. */
  eventId: string;
  /** The cycle the entry belongs to; null for administration outside any cycle (users, roles). */
  cycleId: string | null;
  /** ISO 8601 instants (see canonicalInstant). */
  occurredAt: string;
  recordedAt: string;
  actorUserId: string | null;
  actorRole: string | null;
  actorUnitCode: string | null;
  kind: AuditKind;
  type: string;
  phase: string | null;
  summaryVi: string;
  payload: JsonValue | null;
  prevHash: string;
}

export interface AuditEntry extends AuditRecord {
  hash: string;
}

/** How the chain is built, stated in verification answers and evidence bundles so a third party can redo it. */
export const CHAIN_ALGORITHM =
  'hash = hex(SHA-256(UTF-8(canonical JSON of the entry without `hash`))); canonical JSON: the columns by their ' +
  'audit_log names (seq, event_id, cycle_id, occurred_at, recorded_at, actor_user_id, actor_role, actor_unit_code, ' +
  'kind, type, phase, summary_vi, payload, prev_hash), object keys sorted by UTF-16 code units at every depth, no ' +
  'whitespace, every string and key in Unicode NFC, instants as ISO 8601 UTC with six fractional digits ' +
  '(YYYY-MM-DDTHH:MM:SS.ffffffZ), absent keys omitted; prev_hash of the first entry is 64 zeros.';

const HEX64 = /^[0-9a-f]{64}$/;
const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An instant in its canonical form: UTC with six fractional digits, the precision of a PostgreSQL timestamptz.
 * Microseconds are kept (a JavaScript Date would drop them) so that an edit below the millisecond shows.
 */
export function canonicalInstant(value: string): string {
  const match = INSTANT.exec(value);
  const time = match ? Date.parse(`${match[1]}T${match[2]}${match[4]}`) : NaN;
  if (!match || Number.isNaN(time)) throw new TypeError(`not an ISO 8601 instant: ${value}`);
  return `${new Date(time).toISOString().slice(0, 19)}.${(match[3] ?? '').padEnd(6, '0')}Z`;
}

/**
 * Canonical JSON: sorted keys, NFC strings, no whitespace. Numbers use ECMAScript's shortest round-trip form,
 * which survives a PostgreSQL jsonb round trip; non-finite numbers have no JSON form and are refused.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.normalize('NFC'));
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${value} has no canonical JSON form`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k.normalize('NFC'), v] as const)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      for (let i = 1; i < entries.length; i++) {
        if (entries[i]?.[0] === entries[i - 1]?.[0]) throw new TypeError(`two keys are both ${entries[i]?.[0]} once in NFC`);
      }
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`a ${typeof value} has no canonical JSON form`);
  }
}

/** A value as the log stores and hashes it: strings and keys in NFC, undefined members dropped. */
export function normaliseJson(value: unknown): JsonValue {
  return JSON.parse(canonicalJson(value)) as JsonValue;
}

/** The document that is hashed: the record under its column names. */
export function canonicalRecord(record: AuditRecord): string {
  if (!Number.isSafeInteger(record.seq) || record.seq < 1) throw new TypeError(`seq must be a positive integer: ${record.seq}`);
  return canonicalJson({
    seq: record.seq,
    event_id: record.eventId,
    cycle_id: record.cycleId,
    occurred_at: canonicalInstant(record.occurredAt),
    recorded_at: canonicalInstant(record.recordedAt),
    actor_user_id: record.actorUserId,
    actor_role: record.actorRole,
    actor_unit_code: record.actorUnitCode,
    kind: record.kind,
    type: record.type,
    phase: record.phase,
    summary_vi: record.summaryVi,
    payload: record.payload,
    prev_hash: record.prevHash,
  });
}

export function hashRecord(record: AuditRecord): string {
  return createHash('sha256').update(canonicalRecord(record), 'utf8').digest('hex');
}

export function sealRecord(record: AuditRecord): AuditEntry {
  return { ...record, hash: hashRecord(record) };
}

/** HASH_MISMATCH: the entry's content no longer gives its hash (edited). PREV_HASH_MISMATCH: the entry does not
 * follow the one before it (an entry deleted, inserted or reordered, or rehashed after an edit). */
export type ChainBreakReason = 'HASH_MISMATCH' | 'PREV_HASH_MISMATCH';

export interface ChainBreak {
  seq: number;
  eventId: string;
  reason: ChainBreakReason;
  detail: string;
}

/** Recomputes an entry's hash; a malformed entry (e.g. an unparseable instant) counts as a mismatch. */
export function checkEntryHash(entry: AuditEntry): ChainBreak | undefined {
  let computed: string;
  try {
    computed = hashRecord(entry);
  } catch (err) {
    return { seq: entry.seq, eventId: entry.eventId, reason: 'HASH_MISMATCH', detail: (err as Error).message };
  }
  if (computed === entry.hash && HEX64.test(entry.hash)) return undefined;
  return {
    seq: entry.seq,
    eventId: entry.eventId,
    reason: 'HASH_MISMATCH',
    detail: `stored hash ${entry.hash}, content hashes to ${computed}`,
  };
}

/**
 * Verifies a chain fed entry by entry in seq order, so a long log can be read page by page. It keeps going
 * after the first break (linking to the stored hash) so that `entries` counts the whole log.
 */
export class ChainVerifier {
  private previous: string = GENESIS_HASH;
  private count = 0;
  private broken: ChainBreak | undefined;
  private last: { seq: number; hash: string } | undefined;

  push(entry: AuditEntry): void {
    this.count += 1;
    const found =
      checkEntryHash(entry) ??
      (entry.prevHash === this.previous
        ? undefined
        : {
            seq: entry.seq,
            eventId: entry.eventId,
            reason: 'PREV_HASH_MISMATCH' as const,
            detail: `prev_hash ${entry.prevHash}, but the entry before it hashes to ${this.previous}`,
          });
    this.broken ??= found;
    this.previous = entry.hash;
    this.last = { seq: entry.seq, hash: entry.hash };
  }

  result(): ChainVerification {
    return {
      ok: this.broken === undefined,
      entries: this.count,
      ...(this.last ? { head: this.last } : {}),
      ...(this.broken ? { firstBroken: this.broken } : {}),
    };
  }
}

export interface ChainVerification {
  ok: boolean;
  entries: number;
  /** The last entry: record it elsewhere to detect later truncation of the log's tail. */
  head?: { seq: number; hash: string };
  firstBroken?: ChainBreak;
}

export function verifyChain(entries: Iterable<AuditEntry>): ChainVerification {
  const verifier = new ChainVerifier();
  for (const entry of entries) verifier.push(entry);
  return verifier.result();
}
