import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AWARD_VI,
  groupNominations,
  NO_BLOC_VI,
  outcomeOf,
  reasonsOf,
  SOURCE_VI,
  stageOf,
  STATUS_VI,
  statusesAt,
  statusesWith,
  type NominationOutcome,
  type NominationReason,
  type NominationSource,
  type NominationStage,
  type ReportGrouping,
} from '../../domain/nomination-report';
import { readScopeOf } from '../../domain/read-scope';
import type { Actor } from '../../shared/actors';
import type { Nominee, NomineeStatus } from '../../shared/cycle-types';
import { AwardType } from '../../shared/rules';
import { pageOf, type Page } from '../common/page.dto';
import { ReadScopeService } from '../common/read-scope.service';

export interface NominationFilter {
  provinceCode?: string;
  year?: number;
  blocCode?: string;
  unitCode?: string;
  award?: string;
  status?: string;
  stage?: NominationStage;
  outcome?: NominationOutcome;
  source?: NominationSource;
  roundId?: string;
}

export interface NominationItem {
  id: string;
  cycleId: string | null;
  nomineeId: string;
  source: NominationSource;
  sourceName: string;
  proposer: string | null;
  roundId: string | null;
  provinceCode: string;
  year: number;
  blocCode: string | null;
  blocName: string | null;
  unitCode: string;
  unitName: string;
  award: string;
  awardName: string;
  status: string;
  statusName: string;
  stage: NominationStage;
  outcome: NominationOutcome;
  ballotVotes: number;
  councilVotes: number | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  rulesVersion: string;
  reasons: NominationReason[];
}

export interface GroupCount {
  key: string;
  name: string;
  count: number;
}

interface Row {
  id: string;
  cycle_id: string | null;
  nominee_id: string;
  source: string;
  proposer: string | null;
  round_id: string | null;
  province_code: string;
  year: number;
  bloc_code: string | null;
  bloc_name: string | null;
  unit_code: string;
  unit_name: string | null;
  award: string;
  award_name: string | null;
  status: string;
  ballot_votes: number;
  council_votes: number | null;
  decision_number: string | null;
  decision_date: string | null;
  rules_version: string;
  reason: string | null;
  nominee: Pick<Nominee, 'appraisal' | 'council' | 'decision' | 'awardName'> | null;
  leads_bloc: boolean;
}

/** Who a list is confined to, as SQL over `n` (nominations) and `c` (its cycle): null when the reader sees none. */
interface ScopeSql {
  clause: string;
  params: unknown[];
  /** A unit's people see the reasons of their own unit's nominations only (and the bloc's Trưởng/Phó khối, its bloc's). */
  reasonsOf?: { unitCode: string; leads: string[] };
}

const FROM = `FROM nominations n
  LEFT JOIN cycles c ON c.id = n.cycle_id
  LEFT JOIN units u ON u.code = n.unit_code
  LEFT JOIN blocs b ON b.province_code = n.province_code AND b.code = n.bloc_code
  LEFT JOIN rule_sets rs ON rs.province_code = n.province_code AND rs.version = split_part(n.rules_version, '@', 1)`;

/** The award's name in the province, from the rule set that decided (or last applied to) the nomination. */
const AWARD_NAME = `rs.rules -> 'awards' -> n.award ->> 'displayName'`;

/**
 * The nominations as the board reads them: filtered, scoped to the reader before paging, with names (unit, bloc,
 * award), each item's reasons, and totals per bloc, award kind and status computed over exactly the filtered rows.
 */
@Injectable()
export class NominationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: ReadScopeService,
  ) {}

  private async scopeSql(actor: Actor): Promise<ScopeSql | null> {
    const scope = readScopeOf(actor);
    switch (scope.kind) {
      case 'SYSTEM':
        return { clause: 'TRUE', params: [] };
      case 'NONE':
        return null;
      case 'PROVINCE':
        return { clause: 'n.province_code = $1', params: [scope.provinceCode] };
      case 'UNIT': {
        // The cycles a unit's people see (their blocs'), and their own unit's nominations outside any cycle.
        const visible = (await this.scope.visibleCycleIds(actor)) ?? [];
        return {
          clause: `(n.cycle_id = ANY($1::varchar[]) OR (n.cycle_id IS NULL AND n.unit_code = $2 AND ($3::varchar IS NULL OR n.province_code = $3)))`,
          params: [visible, scope.unitCode, scope.provinceCode ?? null],
          reasonsOf: { unitCode: scope.unitCode, leads: scope.leads },
        };
      }
      default: {
        const unreachable: never = scope;
        throw new Error(`unknown scope ${JSON.stringify(unreachable)}`);
      }
    }
  }

  private where(scope: ScopeSql, filter: NominationFilter): { sql: string; params: unknown[] } {
    const params = [...scope.params];
    const parts = [scope.clause];
    const add = (sql: (i: string) => string, value: unknown) => {
      params.push(value);
      parts.push(sql(`$${params.length}`));
    };
    if (filter.provinceCode !== undefined) add((p) => `n.province_code = ${p}`, filter.provinceCode);
    if (filter.year !== undefined) add((p) => `n.year = ${p}`, filter.year);
    if (filter.blocCode !== undefined) add((p) => `n.bloc_code = ${p}`, filter.blocCode);
    if (filter.unitCode !== undefined) add((p) => `n.unit_code = ${p}`, filter.unitCode);
    if (filter.award !== undefined) add((p) => `n.award = ${p}`, filter.award);
    if (filter.status !== undefined) add((p) => `n.status = ${p}`, filter.status);
    if (filter.stage !== undefined) add((p) => `n.status = ANY(${p}::varchar[])`, statusesAt(filter.stage));
    if (filter.outcome !== undefined) add((p) => `n.status = ANY(${p}::varchar[])`, statusesWith(filter.outcome));
    if (filter.source !== undefined) add((p) => `n.source = ${p}`, filter.source);
    if (filter.roundId !== undefined) add((p) => `n.round_id = ${p}`, filter.roundId);
    return { sql: parts.join(' AND '), params };
  }

  /** Rows in a fixed order (year, bloc, unit, award, id), so that pages follow one another. */
  private async rows(scope: ScopeSql, filter: NominationFilter, page?: Page): Promise<Row[]> {
    const { sql, params } = this.where(scope, filter);
    const leads = scope.reasonsOf?.leads ?? [];
    params.push(leads);
    const leadsParam = `$${params.length}`;
    let paging = '';
    if (page) {
      params.push(page.limit, page.offset);
      paging = `LIMIT $${params.length - 1} OFFSET $${params.length}`;
    }
    return this.dataSource.query(
      `SELECT n.id, n.cycle_id, n.nominee_id, n.source, n.proposer, n.round_id, n.province_code, n.year, n.bloc_code,
              b.name AS bloc_name, n.unit_code, u.name AS unit_name, n.award, ${AWARD_NAME} AS award_name, n.status, n.ballot_votes, n.council_votes,
              n.decision_number, to_char(n.decision_date, 'YYYY-MM-DD') AS decision_date, n.rules_version, n.reason,
              (SELECT x FROM jsonb_array_elements(c.state -> 'nominees') x WHERE x ->> 'id' = n.nominee_id LIMIT 1) AS nominee,
              coalesce(n.bloc_code = ANY(${leadsParam}::varchar[]), false) AS leads_bloc
       ${FROM}
       WHERE ${sql}
       ORDER BY n.year DESC, n.bloc_code NULLS LAST, n.unit_code, n.award, n.id
       ${paging}`,
      params,
    );
  }

  private item(row: Row, scope: ScopeSql): NominationItem {
    const own = scope.reasonsOf;
    const seesReasons = !own || own.unitCode === row.unit_code || row.leads_bloc;
    const source = row.source === 'DIRECT' ? 'DIRECT' : 'BLOC';
    return {
      id: row.id,
      cycleId: row.cycle_id,
      nomineeId: row.nominee_id,
      source,
      sourceName: SOURCE_VI[source],
      proposer: row.proposer,
      roundId: row.round_id,
      provinceCode: row.province_code,
      year: row.year,
      blocCode: row.bloc_code,
      blocName: row.bloc_code ? (row.bloc_name ?? row.bloc_code) : null,
      unitCode: row.unit_code,
      unitName: row.unit_name ?? row.unit_code,
      award: row.award,
      awardName: row.award_name ?? row.nominee?.awardName ?? AWARD_VI[row.award as AwardType] ?? row.award,
      status: row.status,
      statusName: STATUS_VI[row.status as NomineeStatus] ?? row.status,
      stage: stageOf(row.status),
      outcome: outcomeOf(row.status),
      ballotVotes: row.ballot_votes,
      councilVotes: row.council_votes,
      decisionNumber: row.decision_number,
      decisionDate: row.decision_date,
      rulesVersion: row.rules_version,
      reasons: seesReasons ? reasonsOf(row.nominee ?? undefined, row.reason) : [],
    };
  }

  /** Every nomination of the filter the reader may see (no paging): what the reports count. */
  async all(actor: Actor, filter: NominationFilter): Promise<NominationItem[]> {
    const scope = await this.scopeSql(actor);
    if (!scope) return [];
    return (await this.rows(scope, filter)).map((r) => this.item(r, scope));
  }

  /** One page of the filtered list, the number of rows in all pages, and the totals per group over all of them. */
  async list(actor: Actor, filter: NominationFilter, query: { limit?: number; offset?: number }) {
    const page = pageOf(query);
    const scope = await this.scopeSql(actor);
    const empty = {
      items: [],
      total: 0,
      limit: page.limit,
      offset: page.offset,
      totals: { byBloc: [], byAward: [], byStatus: [] },
    };
    if (!scope) return empty;
    const items = (await this.rows(scope, filter, page)).map((r) => this.item(r, scope));
    const { sql, params } = this.where(scope, filter);
    const counts: {
      bloc_code: string | null;
      bloc_name: string | null;
      award: string;
      award_name: string | null;
      status: string;
      count: number;
    }[] = await this.dataSource.query(
      `SELECT n.bloc_code, b.name AS bloc_name, n.award, ${AWARD_NAME} AS award_name, n.status, count(*)::int AS count
       ${FROM} WHERE ${sql} GROUP BY n.bloc_code, b.name, n.award, award_name, n.status`,
      params,
    );
    const rows = counts.flatMap((c) =>
      Array.from({ length: c.count }, () => ({
        blocCode: c.bloc_code,
        blocName: c.bloc_name,
        unitCode: '',
        unitName: '',
        award: c.award,
        awardName: c.award_name ?? AWARD_VI[c.award as AwardType] ?? c.award,
        status: c.status,
      })),
    );
    const groupsBy = (by: ReportGrouping): GroupCount[] =>
      groupNominations(rows, by).groups.map((g) => ({
        key: g.key,
        name: by === 'bloc' && g.key === '' ? NO_BLOC_VI : g.name,
        count: g.total,
      }));
    return {
      items,
      total: rows.length,
      limit: page.limit,
      offset: page.offset,
      totals: { byBloc: groupsBy('bloc'), byAward: groupsBy('award'), byStatus: groupsBy('status') },
    };
  }
}
