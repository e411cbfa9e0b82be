import type { EntityManager } from 'typeorm';
import type { GovernmentFlagQuota } from '../../shared/cycle-types';
import type { ProvinceRules } from '../../shared/rules';

/**
 * The province's Cờ thi đua của Chính phủ quota for a year (CV 5007/BNV-TĐKT: at most a share, 20% by default, of
 * the units voted as leaders of the blocs and clusters the province organises), counted over the province's master
 * data, not over the cycles that happen to be in the system:
 * - every bloc or cluster registered as active that year (blocs.from_year ≤ year ≤ to_year) counts;
 * - one whose conference has voted counts the units it voted for the provincial flag (its bloc-leading units, 0 when
 *   it voted none), whatever the board or council decided about them later: the base is who was voted, not who was
 *   awarded;
 * - one that has not voted yet, or whose cycle is not in the system, counts one bloc-leading unit: Luật 2022
 *   Art. 26(1) gives the flag each year to the collective leading each bloc, and blocs observed give one or two
 *   (domain.md §4.1), so one is the count the law guarantees and never over-states the quota.
 * Undefined when the rule set sets no quota. Shared by the cycle's decision and the province round's.
 * `alreadyForwarded` counts the year's Cờ CP nominations already forwarded upward, from a bloc or directly.
 */
export async function governmentFlagQuota(
  manager: EntityManager,
  provinceCode: string,
  year: number,
  rule: ProvinceRules['governmentFlagQuota'],
): Promise<GovernmentFlagQuota | undefined> {
  if (!rule) return undefined;
  const rows: { blocs: number; voted: number; voted_leaders: number; forwarded: number }[] = await manager.query(
    `WITH active AS (
       SELECT b.id FROM blocs b
       WHERE b.province_code = $1 AND b.from_year <= $2 AND (b.to_year IS NULL OR b.to_year >= $2)
     ), voted AS (
       SELECT c.bloc_id,
              (SELECT count(*) FROM nominations n WHERE n.cycle_id = c.id AND n.award = 'CO_THI_DUA_TINH') AS leaders
       FROM cycles c
       WHERE c.province_code = $1 AND c.year = $2 AND c.state ? 'minutes'
     )
     SELECT count(*)::int AS blocs,
            count(v.bloc_id)::int AS voted,
            coalesce(sum(v.leaders), 0)::int AS voted_leaders,
            (SELECT count(*) FROM nominations n
             WHERE n.province_code = $1 AND n.year = $2 AND n.award = 'CO_THI_DUA_CHINH_PHU' AND n.status = 'FORWARDED')::int
              AS forwarded
     FROM active a LEFT JOIN voted v ON v.bloc_id = a.id`,
    [provinceCode, year],
  );
  const row = rows[0];
  if (!row) return undefined;
  const awaiting = row.blocs - row.voted;
  const blocLeaders = row.voted_leaders + awaiting;
  const basis =
    `${rule.basis}; ${row.blocs} khối, cụm thi đua của tỉnh hoạt động năm ${year}: ` +
    `${row.voted} đã bình xét (${row.voted_leaders} đơn vị được suy tôn dẫn đầu), ` +
    `${awaiting} chưa bình xét hoặc chưa có trên hệ thống (mỗi khối, cụm tính 1 đơn vị dẫn đầu)`;
  return {
    blocLeaders,
    alreadyForwarded: row.forwarded,
    limit: Math.floor(rule.maxShareOfBlocLeaders * blocLeaders + 1e-9),
    basis: basis.normalize('NFC'),
  };
}
