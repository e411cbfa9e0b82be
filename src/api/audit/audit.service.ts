import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CHAIN_ALGORITHM, ChainVerifier, GENESIS_HASH, type AuditEntry, type ChainVerification } from '../../audit/audit-chain';
import { EVIDENCE_FORMAT, GLOBAL_CHAIN_NOTE, type EvidenceBundle } from '../../audit/evidence-bundle';
import { AwardHistoryEntity, BlocLeadershipEntity, CycleEntity, CycleUnitEntity, NominationEntity } from '../../entities';
import type { Actor } from '../../shared/actors';
import { ErrorCode } from '../../shared/errors';
import { DomainException } from '../common/domain.exception';
import { toIso, toUnitProgress } from '../read-model/mappers';

/**
 * The columns of audit_log (aliased `a`) as the chain hashes them; order by `a.seq`, since a bare `seq` would be
 * the text column of the answer. Instants are read as text in UTC with microseconds:
 * a JavaScript Date would drop the microseconds, and an edit below the millisecond would go unseen.
 */
const ENTRY_COLUMNS = `seq::text AS seq, event_id AS "eventId", cycle_id AS "cycleId",
  to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "occurredAt",
  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "recordedAt",
  actor_user_id AS "actorUserId", actor_role AS "actorRole", actor_unit_code AS "actorUnitCode",
  kind, type, phase, summary_vi AS "summaryVi", payload, prev_hash AS "prevHash", hash`;

type EntryRow = Omit<AuditEntry, 'seq'> & { seq: string };

const PAGE = 1000;

const toEntry = (row: EntryRow): AuditEntry => ({ ...row, seq: Number(row.seq) });

@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /** Reads the whole log in seq order, page by page, and reports the first entry that breaks the chain. */
  async verify(): Promise<ChainVerification & { algorithm: string }> {
    const verifier = new ChainVerifier();
    let after = '0';
    for (;;) {
      const rows: EntryRow[] = await this.dataSource.query(
        `SELECT ${ENTRY_COLUMNS} FROM audit_log a WHERE a.seq > $1 ORDER BY a.seq LIMIT ${PAGE}`,
        [after],
      );
      for (const row of rows) verifier.push(toEntry(row));
      const last = rows[rows.length - 1];
      if (!last || rows.length < PAGE) break;
      after = last.seq;
    }
    return { ...verifier.result(), algorithm: CHAIN_ALGORITHM };
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
      };
    });
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
