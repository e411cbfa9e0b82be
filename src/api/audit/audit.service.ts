import { Inject, Injectable } from '@nestjs/common';
import { isGrpcServiceError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils';
import { DataSource, type EntityManager } from 'typeorm';
import { CHAIN_ALGORITHM, ChainVerifier, GENESIS_HASH, type AuditEntry, type ChainVerification } from '../../audit/audit-chain';
import { EVIDENCE_FORMAT, filesOfEntry, GLOBAL_CHAIN_NOTE, type EvidenceBundle } from '../../audit/evidence-bundle';
import type { AppConfig } from '../../config/config';
import { AwardHistoryEntity, BlocLeadershipEntity, CycleEntity, CycleUnitEntity, NominationEntity } from '../../entities';
import type { Actor } from '../../shared/actors';
import { ErrorCode } from '../../shared/errors';
import { assessmentWorkflowId } from '../../shared/ids';
import { DomainException } from '../common/domain.exception';
import { FilesService, type FileProblem } from '../files/files.service';
import { toIso, toUnitProgress } from '../read-model/mappers';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../temporal/temporal.module';
import {
  childWorkflowsOf,
  mapAuditEntries,
  mapWorkflowHistory,
  mergeHistory,
  type HistoryEntry,
  type UnitScope,
} from './history-mapper';

/**
 * The columns of audit_log (aliased `a`) as the chain hashes them; order by `a.seq`, since a bare `seq` would be
 * the text column of the answer. Instants are read as text in UTC with microseconds:
 * a JavaScript Date would drop the microseconds, and an edit below the millisecond would go unseen.
 */
export const ENTRY_COLUMNS = `seq::text AS seq, event_id AS "eventId", cycle_id AS "cycleId",
  to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "occurredAt",
  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "recordedAt",
  actor_user_id AS "actorUserId", actor_role AS "actorRole", actor_unit_code AS "actorUnitCode",
  kind, type, phase, summary_vi AS "summaryVi", payload, prev_hash AS "prevHash", hash`;

export type EntryRow = Omit<AuditEntry, 'seq'> & { seq: string };

const PAGE = 1000;

export const toEntry = (row: EntryRow): AuditEntry => ({ ...row, seq: Number(row.seq) });

/** gRPC NOT_FOUND: what fetching the history of a workflow Temporal no longer keeps answers. */
const GRPC_NOT_FOUND = 5;
/** Child histories fetched at once: a bloc has a handful to a few dozen units. */
const HISTORY_FETCHES = 4;

const RETENTION_NOTE =
  'Temporal không còn lưu lịch sử quy trình của chu kỳ này (đã quá thời hạn lưu giữ hoặc đã bị xóa): ' +
  'chỉ hiển thị nhật ký kiểm toán.';

export interface WorkflowRef {
  workflowId: string;
  runId: string;
  eventCount: number;
  uiUrl?: string;
}

export interface CycleHistory {
  cycleId: string;
  unitCode?: string;
  entries: HistoryEntry[];
  temporal: (WorkflowRef & { children: WorkflowRef[] }) | null;
  note?: string;
}

interface FetchedHistory {
  workflowId: string;
  runId: string;
  history: History;
}

/** Runs `fn` over `items`, at most `limit` at a time, keeping their order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

@Injectable()
export class AuditService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly files: FilesService,
  ) {}

  /**
   * Reads the whole log in seq order, page by page, and reports the first entry that breaks the chain; then re-hashes
   * every uploaded file an entry records and reports those missing from the store or changed (`ok` is false then too).
   */
  async verify(): Promise<ChainVerification & { algorithm: string; files: { checked: number; broken: FileProblem[] } }> {
    const verifier = new ChainVerifier();
    const recorded = new Set<string>();
    let after = '0';
    for (;;) {
      const rows: EntryRow[] = await this.dataSource.query(
        `SELECT ${ENTRY_COLUMNS} FROM audit_log a WHERE a.seq > $1 ORDER BY a.seq LIMIT ${PAGE}`,
        [after],
      );
      for (const row of rows) {
        verifier.push(toEntry(row));
        for (const sha256 of filesOfEntry(row.payload)) recorded.add(sha256);
      }
      const last = rows[rows.length - 1];
      if (!last || rows.length < PAGE) break;
      after = last.seq;
    }
    const chain = verifier.result();
    const broken = await this.files.checkContents(recorded);
    return {
      ...chain,
      ok: chain.ok && broken.length === 0,
      algorithm: CHAIN_ALGORITHM,
      files: { checked: recorded.size, broken },
    };
  }

  /** The cycle's read model and audit entries, read in one snapshot so that they agree with each other. */
  evidence(cycleId: string, actor: Actor): Promise<EvidenceBundle> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const cycle = await m.getRepository(CycleEntity).findOne({ where: { id: cycleId } });
      if (!cycle) throw new DomainException(ErrorCode.CYCLE_NOT_FOUND, `no cycle ${cycleId}`);
      const rows: EntryRow[] = await m.query(`SELECT ${ENTRY_COLUMNS} FROM audit_log a WHERE a.cycle_id = $1 ORDER BY a.seq`, [
        cycleId,
      ]);
      const head: { seq: string; hash: string }[] = await m.query(
        `SELECT a.seq::text AS seq, a.hash FROM audit_log a ORDER BY a.seq DESC LIMIT 1`,
      );
      const files = await this.files.contents(rows.flatMap((r) => filesOfEntry(r.payload)));
      return {
        format: EVIDENCE_FORMAT,
        cycleId,
        exportedAt: new Date().toISOString(),
        exportedBy: { userId: actor.userId, role: actor.role },
        readModel: await this.readModel(m, cycle),
        audit: {
          chain: 'GLOBAL',
          algorithm: CHAIN_ALGORITHM,
          genesisPrevHash: GENESIS_HASH,
          note: GLOBAL_CHAIN_NOTE,
          head: head[0] ? { seq: Number(head[0].seq), hash: head[0].hash } : null,
          entries: rows.map(toEntry),
        },
        files: files.map((f) => ({
          sha256: f.sha256,
          name: f.name,
          contentType: f.contentType,
          contentBase64: f.content ? f.content.toString('base64') : null,
        })),
      };
    });
  }

  /**
   * The cycle's audit entries and the event histories of its workflow and assessment children, merged by time as
   * readable Vietnamese lines. With `unitCode`, only what concerns that unit. When Temporal no longer keeps the
   * cycle's workflow (retention), the audit entries alone, with `temporal: null` and a note.
   */
  async history(cycleId: string, unitCode?: string): Promise<CycleHistory> {
    const cycle = await this.dataSource.getRepository(CycleEntity).findOne({ where: { id: cycleId }, select: { id: true } });
    if (!cycle) throw new DomainException(ErrorCode.CYCLE_NOT_FOUND, `no cycle ${cycleId}`);
    let scope: UnitScope | undefined;
    if (unitCode !== undefined) {
      const unit = await this.dataSource.getRepository(CycleUnitEntity).findOne({ where: { cycleId, unitCode } });
      if (!unit) throw new DomainException(ErrorCode.UNIT_NOT_FOUND, `${unitCode} is not in ${cycleId}`);
      scope = { unitCode, assessmentWorkflowId: assessmentWorkflowId(cycleId, unitCode) };
    }

    // Temporal first: an audit entry is written by an activity, so whatever step the log shows, its update is in history.
    const parent = await this.fetchHistory(cycleId);
    // Every child, also for one unit: its head may act in another unit's assessment (the Trưởng khối reviews them all).
    const children = parent ? childWorkflowsOf(parent.history) : [];
    const fetched = await mapLimited(children, HISTORY_FETCHES, (c) => this.fetchHistory(c.workflowId, c.runId));
    const rows: EntryRow[] = await this.dataSource.query(
      `SELECT ${ENTRY_COLUMNS} FROM audit_log a WHERE a.cycle_id = $1 ORDER BY a.seq`,
      [cycleId],
    );

    const audit = mapAuditEntries(rows.map(toEntry), scope);
    // Ordered by time even alone: seq is the order of commits, which concurrent projections may swap.
    if (!parent)
      return { cycleId, ...(unitCode ? { unitCode } : {}), entries: mergeHistory(audit), temporal: null, note: RETENTION_NOTE };

    const found = fetched.filter((f): f is FetchedHistory => f !== null);
    const missing = children.filter((_, i) => fetched[i] === null).map((c) => c.workflowId);
    const workflows = [parent, ...found];
    const entries = mergeHistory(...workflows.map((w) => mapWorkflowHistory(w.workflowId, w.history, scope)), audit);
    const refs = workflows.map((w) => this.ref(w));
    const [parentRef, ...childRefs] = refs as [WorkflowRef, ...WorkflowRef[]];
    return {
      cycleId,
      ...(unitCode ? { unitCode } : {}),
      entries,
      temporal: {
        ...parentRef,
        eventCount: refs.reduce((n, r) => n + r.eventCount, 0),
        children: childRefs,
      },
      ...(missing.length > 0
        ? { note: `Temporal không còn lưu lịch sử của quy trình con (quá thời hạn lưu giữ): ${missing.join(', ')}.` }
        : {}),
    };
  }

  /** The run's whole history, or null when Temporal no longer has the workflow. */
  private async fetchHistory(workflowId: string, runId?: string): Promise<FetchedHistory | null> {
    try {
      const run = runId ?? (await this.client.workflow.getHandle(workflowId).describe()).runId;
      const history = await this.client.workflow.getHandle(workflowId, run).fetchHistory();
      return { workflowId, runId: run, history };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return null;
      if (isGrpcServiceError(err) && (err.code as number) === GRPC_NOT_FOUND) return null;
      throw err;
    }
  }

  private ref({ workflowId, runId, history }: FetchedHistory): WorkflowRef {
    const base = this.config.temporalUiUrl?.replace(/\/+$/, '');
    const namespace = this.config.temporal.namespace;
    return {
      workflowId,
      runId,
      eventCount: history.events?.length ?? 0,
      ...(base
        ? {
            uiUrl: `${base}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}/${encodeURIComponent(runId)}/history`,
          }
        : {}),
    };
  }

  private async readModel(m: EntityManager, cycle: CycleEntity): Promise<EvidenceBundle['readModel']> {
    const cycleId = cycle.id;
    // One connection serves the transaction: the reads run one after the other.
    const units = await m.getRepository(CycleUnitEntity).find({ where: { cycleId }, order: { unitCode: 'ASC' } });
    const nominations = await m.getRepository(NominationEntity).find({ where: { cycleId }, order: { id: 'ASC' } });
    const awards = await m
      .getRepository(AwardHistoryEntity)
      .find({ where: { cycleId }, order: { unitCode: 'ASC', award: 'ASC' } });
    const leadership = await m
      .getRepository(BlocLeadershipEntity)
      .find({ where: { electedInCycleId: cycleId }, order: { year: 'ASC' } });
    return {
      cycle: {
        ...cycle.state,
        status: cycle.status,
        startedAt: cycle.startedAt.toISOString(),
        updatedAt: cycle.updatedAt.toISOString(),
        completedAt: toIso(cycle.completedAt),
      },
      units: units.map(toUnitProgress),
      nominations: nominations.map((n) => ({
        nomineeId: n.nomineeId,
        unitCode: n.unitCode,
        award: n.award,
        status: n.status,
        ballotVotes: n.ballotVotes,
        councilVotes: n.councilVotes,
        decisionNumber: n.decisionNumber,
        decisionDate: n.decisionDate,
        rulesVersion: n.rulesVersion,
      })),
      awards: awards.map((a) => ({
        unitCode: a.unitCode,
        year: a.year,
        award: a.award,
        awardName: a.awardName,
        decisionNumber: a.decisionNumber,
        decisionDate: a.decisionDate,
        rulesVersion: a.rulesVersion,
      })),
      leadership: leadership.map((l) => ({
        year: l.year,
        leaderUnit: l.leaderUnitCode,
        deputyUnit: l.deputyUnitCode,
        source: l.source,
        handedOverAt: toIso(l.handedOverAt),
      })),
    };
  }
}
