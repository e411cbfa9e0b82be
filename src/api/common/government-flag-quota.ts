import type { EntityManager } from 'typeorm';
import type { GovernmentFlagQuota } from '../../shared/cycle-types';
import type { ProvinceRules } from '../../shared/rules';

/**
 * The province's Cờ thi đua của Chính phủ quota for a year, counted across all its nominations: bloc-leading units
 * are those voted for the provincial flag and not refused. Undefined when the rule set sets no quota. Shared by the
 * cycle's decision and the province round's.
 */
export async function governmentFlagQuota(
  manager: EntityManager,
  provinceCode: string,
  year: number,
  rule: ProvinceRules['governmentFlagQuota'],
): Promise<GovernmentFlagQuota | undefined> {
  if (!rule) return undefined;
  const rows: { leaders: number; forwarded: number }[] = await manager.query(
    `SELECT count(*) FILTER (WHERE award = 'CO_THI_DUA_TINH' AND status NOT IN ('NOT_RECOMMENDED', 'COUNCIL_REJECTED', 'REJECTED'))::int AS leaders,
            count(*) FILTER (WHERE award = 'CO_THI_DUA_CHINH_PHU' AND status = 'FORWARDED')::int AS forwarded
     FROM nominations WHERE province_code = $1 AND year = $2`,
    [provinceCode, year],
  );
  const counts = rows[0] ?? { leaders: 0, forwarded: 0 };
  return {
    blocLeaders: counts.leaders,
    alreadyForwarded: counts.forwarded,
    limit: Math.floor(rule.maxShareOfBlocLeaders * counts.leaders + 1e-9),
    basis: rule.basis,
  };
}
