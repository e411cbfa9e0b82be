import { createHash } from 'node:crypto';
import { checkEntryHash, GENESIS_HASH, type AuditEntry, type ChainBreakReason, type JsonValue } from './audit-chain';

/**
 * A cycle's evidence bundle: its read-model state and its audit entries with their hashes, in one JSON file
 * that can be checked offline with `node dist/src/audit/verify-bundle.js bundle.json`.
 *
 * The database keeps one chain for all cycles, so an entry's prev_hash usually names an entry of another
 * cycle. Offline, the bundle proves that every entry of the cycle hashes to its recorded hash and that
 * entries adjacent in the chain are linked; that no entry of the cycle is missing is proven against the
 * database (GET /v1/audit/verify) or against a chain head recorded elsewhere (`audit.head`).
 */
export const EVIDENCE_FORMAT = 'thidua.evidence/v1';

export const GLOBAL_CHAIN_NOTE =
  'One hash chain for the whole database: each entry links to the entry committed just before it, usually of ' +
  'another cycle. Offline, this bundle proves that each entry hashes correctly and that entries adjacent in the ' +
  'chain (consecutive seq) are linked; completeness is proven against the database (GET /v1/audit/verify) or ' +
  'against `head`, the last entry of the whole log at export, recorded elsewhere.';

export interface EvidenceBundle {
  format: typeof EVIDENCE_FORMAT;
  cycleId: string;
  exportedAt: string;
  exportedBy: { userId: string; role: string };
  /** The cycle as the read model shows it at export: for the reader; it is not covered by the hashes. */
  readModel: {
    cycle: Record<string, unknown>;
    units: Record<string, unknown>[];
    nominations: Record<string, unknown>[];
    awards: Record<string, unknown>[];
    leadership: Record<string, unknown>[];
  };
  audit: {
    chain: 'GLOBAL';
    algorithm: string;
    genesisPrevHash: string;
    note: string;
    head: { seq: number; hash: string } | null;
    /** The cycle's entries in seq order, each with its prev_hash and hash. */
    entries: AuditEntry[];
  };
  /**
   * Every uploaded file an entry records (`payload.files[].sha256`), with the bytes the store held at export (base64;
   * null when the store had none). The entry's hash covers the file's hash, so the bytes are proven by the chain.
   */
  files?: EvidenceFile[];
}

export interface EvidenceFile {
  sha256: string;
  name: string | null;
  contentType: string | null;
  contentBase64: string | null;
}

/** The hashes of the uploaded files an audit entry records (`payload.files[].sha256`). */
export function filesOfEntry(payload: JsonValue | null): string[] {
  if (!isObject(payload) || !Array.isArray(payload.files)) return [];
  return payload.files.flatMap((f) => (isObject(f) && isString(f.sha256) ? [f.sha256] : []));
}

export type BundleBreakReason =
  ChainBreakReason | 'MALFORMED' | 'OUT_OF_ORDER' | 'FOREIGN_CYCLE' | 'FILE_MISSING' | 'FILE_HASH_MISMATCH';

export interface BundleVerification {
  ok: boolean;
  cycleId: string | null;
  entries: number;
  /** Links checked offline: entries whose predecessor in the chain is in the bundle (or the genesis). */
  linksVerified: number;
  /** Links to entries of other cycles, which only the database can check. */
  linksToOtherCycles: number;
  /** Uploaded files recorded by the entries whose bytes in the bundle hash to the recorded hash. */
  filesVerified: number;
  firstBroken?: { seq: number | null; eventId: string | null; reason: BundleBreakReason; detail: string };
}

const HEX64 = /^[0-9a-f]{64}$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isNullableString = (v: unknown): v is string | null => v === null || typeof v === 'string';

/** Checks the shape of one entry as read from untrusted JSON; answers what is wrong, or nothing. */
function entryProblem(v: unknown): string | undefined {
  if (!isObject(v)) return 'an entry is not an object';
  if (typeof v.seq !== 'number' || !Number.isSafeInteger(v.seq) || v.seq < 1) return 'seq is not a positive integer';
  for (const key of ['eventId', 'cycleId', 'occurredAt', 'recordedAt', 'type', 'phase', 'summaryVi'] as const) {
    if (!isString(v[key])) return `${key} is not a string`;
  }
  for (const key of ['actorUserId', 'actorRole', 'actorUnitCode'] as const) {
    if (!isNullableString(v[key])) return `${key} is neither a string nor null`;
  }
  if (v.kind !== 'HUMAN' && v.kind !== 'SYSTEM') return 'kind is neither HUMAN nor SYSTEM';
  if (!('payload' in v)) return 'payload is missing';
  if (!isString(v.prevHash) || !HEX64.test(v.prevHash)) return 'prevHash is not 64 hex digits';
  if (!isString(v.hash) || !HEX64.test(v.hash)) return 'hash is not 64 hex digits';
  return undefined;
}

/** Verifies a bundle read from JSON, trusting nothing in it; stops at the first broken entry. */
export function verifyBundle(input: unknown): BundleVerification {
  const cycleId = isObject(input) && isString(input.cycleId) ? input.cycleId : null;
  const answer: BundleVerification = {
    ok: true,
    cycleId,
    entries: 0,
    linksVerified: 0,
    linksToOtherCycles: 0,
    filesVerified: 0,
  };
  const broken = (reason: BundleBreakReason, detail: string, at?: { seq: number; eventId: string }): BundleVerification => ({
    ...answer,
    ok: false,
    firstBroken: { seq: at?.seq ?? null, eventId: at?.eventId ?? null, reason, detail },
  });

  if (!isObject(input) || input.format !== EVIDENCE_FORMAT) return broken('MALFORMED', `not a ${EVIDENCE_FORMAT} bundle`);
  if (cycleId === null) return broken('MALFORMED', 'cycleId is missing');
  const audit = input.audit;
  if (!isObject(audit) || !Array.isArray(audit.entries)) return broken('MALFORMED', 'audit.entries is missing');
  if (audit.entries.length === 0) return broken('MALFORMED', 'the bundle has no audit entries');

  let previous = { seq: 0, hash: GENESIS_HASH };
  const recorded = new Map<string, { seq: number; eventId: string }>();
  for (const raw of audit.entries as unknown[]) {
    const problem = entryProblem(raw);
    if (problem) {
      const at =
        isObject(raw) && typeof raw.seq === 'number' && isString(raw.eventId)
          ? { seq: raw.seq, eventId: raw.eventId }
          : undefined;
      return broken('MALFORMED', problem, at);
    }
    const entry = raw as AuditEntry;
    const at = { seq: entry.seq, eventId: entry.eventId };
    if (entry.cycleId !== cycleId) return broken('FOREIGN_CYCLE', `the entry belongs to ${entry.cycleId}, not ${cycleId}`, at);
    if (entry.seq <= previous.seq) return broken('OUT_OF_ORDER', `seq ${entry.seq} follows seq ${previous.seq}`, at);
    const mismatch = checkEntryHash(entry);
    if (mismatch) return broken(mismatch.reason, mismatch.detail, at);
    if (entry.seq === previous.seq + 1) {
      if (entry.prevHash !== previous.hash) {
        const before = previous.seq === 0 ? 'the genesis' : `seq ${previous.seq}`;
        return broken('PREV_HASH_MISMATCH', `prev_hash ${entry.prevHash}, but ${before} hashes to ${previous.hash}`, at);
      }
      answer.linksVerified += 1;
    } else {
      answer.linksToOtherCycles += 1;
    }
    answer.entries += 1;
    previous = { seq: entry.seq, hash: entry.hash };
    for (const sha256 of filesOfEntry(entry.payload)) if (!recorded.has(sha256)) recorded.set(sha256, at);
  }

  // The files: each hash an entry records must come with bytes that hash to it.
  const files = new Map<string, unknown>();
  if (Array.isArray(input.files)) {
    for (const f of input.files as unknown[]) if (isObject(f) && isString(f.sha256)) files.set(f.sha256, f.contentBase64);
  }
  for (const [sha256, at] of recorded) {
    const content = files.get(sha256);
    if (!isString(content)) return broken('FILE_MISSING', `the bundle has no content for file ${sha256}`, at);
    const actual = createHash('sha256').update(Buffer.from(content, 'base64')).digest('hex');
    if (actual !== sha256) return broken('FILE_HASH_MISMATCH', `file ${sha256}: its bytes in the bundle hash to ${actual}`, at);
    answer.filesVerified += 1;
  }
  return answer;
}

/** One line for people: OK with what was checked, or where and why the bundle is broken. */
export function describeVerification(result: BundleVerification): string {
  if (result.ok) {
    return (
      `OK: ${result.entries} audit entries of ${result.cycleId} hash correctly; ` +
      `${result.linksVerified} links verified, ${result.linksToOtherCycles} links to entries of other cycles ` +
      `(verifiable against the database only); ${result.filesVerified} uploaded files match their recorded hashes`
    );
  }
  const b = result.firstBroken;
  const where = b && b.seq !== null ? `seq ${b.seq} (event ${b.eventId})` : 'the bundle';
  return `BROKEN at ${where}: ${b?.reason} - ${b?.detail}`;
}
