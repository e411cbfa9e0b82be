import type { DataSource, EntityManager } from 'typeorm';
import { validateRuleSet } from '../domain/rule-set-validation';
import { demoRuleSets } from '../domain/rule-sets';
import type { RuleSet } from '../shared/rules';
import { seedBlocOrganisation } from './organisation';

/**
 * Scenario S1 of shared/domain.md §8: Bắc Kạn, FY2020, Khối thi đua MTTQ và các đoàn thể, six units;
 * Hội LHPN leads in 2020 with LĐLĐ as deputy. The real cycle gave the Cờ thi đua của UBND tỉnh to Hội LHPN,
 * Bằng khen to Đoàn TN and Hội Nông dân, and elected LĐLĐ Trưởng khối and Đoàn TN Phó khối for 2021.
 */
export const S1_UNITS = [
  { key: 'HLHPN', name: 'Hội Liên hiệp Phụ nữ tỉnh Bắc Kạn' },
  { key: 'LDLD', name: 'Liên đoàn Lao động tỉnh Bắc Kạn' },
  { key: 'MTTQ', name: 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bắc Kạn' },
  { key: 'HCCB', name: 'Hội Cựu chiến binh tỉnh Bắc Kạn' },
  { key: 'HND', name: 'Hội Nông dân tỉnh Bắc Kạn' },
  { key: 'DTN', name: 'Tỉnh đoàn Bắc Kạn (Đoàn TNCS Hồ Chí Minh)' },
] as const;

export type S1UnitKey = (typeof S1_UNITS)[number]['key'];

export interface DemoProvinceOptions {
  provinceCode?: string;
  provinceName?: string;
  blocCode?: string;
  year?: number;
  /** The province's rule sets; by default those of demoRuleSets (NĐ 91/2017, NĐ 98/2023, NĐ 152/2025). */
  ruleSets?: RuleSet[];
}

export interface DemoProvince {
  provinceCode: string;
  blocCode: string;
  year: number;
  unit: (key: S1UnitKey) => string;
  /** Versions now stored: inserted, refreshed, or kept as an admin last edited them. */
  ruleSetVersions: string[];
  /** Demo sets left out because they overlap a set already stored (e.g. one copied from provinces.rules by the RuleSets migration). */
  ruleSetsSkipped: { version: string; reason: string }[];
}

const SEED_ACTOR = 'seed';

/**
 * Writes the rule sets through the same validation as the API. A set an admin has edited since (updated_by is
 * no longer the seed) is left alone; a set that overlaps one stored by someone else is skipped, not forced.
 */
/** Stores rule sets through the API's validation; shared by the demo seed and the acceptance fixtures. */
export async function seedRuleSets(
  m: EntityManager,
  provinceCode: string,
  ruleSets: RuleSet[],
): Promise<Pick<DemoProvince, 'ruleSetVersions' | 'ruleSetsSkipped'>> {
  const seeded: string[] = [];
  const skipped: { version: string; reason: string }[] = [];
  for (const candidate of ruleSets) {
    const rows: (Omit<RuleSet, 'provinceCode'> & { updatedBy: string })[] = await m.query(
      `SELECT version, legal_basis AS "legalBasis", to_char(valid_from, 'YYYY-MM-DD') AS "validFrom",
              to_char(valid_to, 'YYYY-MM-DD') AS "validTo", rules, updated_by AS "updatedBy"
       FROM rule_sets WHERE province_code = $1`,
      [provinceCode],
    );
    if (rows.some((r) => r.version === candidate.version && r.updatedBy !== SEED_ACTOR)) {
      seeded.push(candidate.version);
      continue;
    }
    const existing = rows.map(({ updatedBy: _, ...r }) => ({ ...r, provinceCode }));
    const result = validateRuleSet(candidate, existing);
    if (!result.ok) {
      const problems = result.problems.map((p) => `${p.field}: ${p.message}`).join('; ');
      if (result.problems.every((p) => /overlaps rule set/.test(p.message))) {
        skipped.push({ version: candidate.version, reason: problems });
        continue;
      }
      throw new Error(`demo rule set ${candidate.version} is invalid: ${problems}`);
    }
    const set = result.value;
    if (set.provinceCode !== provinceCode) throw new Error(`demo rule set ${set.version} belongs to ${set.provinceCode}`);
    // A changed demo set becomes a new revision, kept with its content, like an admin's edit through the API.
    await m.query(
      `WITH written AS (
         INSERT INTO rule_sets (province_code, version, legal_basis, valid_from, valid_to, rules, created_by, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
         ON CONFLICT ON CONSTRAINT uq_rule_sets_province_version DO UPDATE
           SET legal_basis = EXCLUDED.legal_basis, valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to,
               rules = EXCLUDED.rules, updated_at = now(), revision = rule_sets.revision + 1
           WHERE (rule_sets.legal_basis, rule_sets.valid_from, rule_sets.valid_to, rule_sets.rules)
             IS DISTINCT FROM (EXCLUDED.legal_basis, EXCLUDED.valid_from, EXCLUDED.valid_to, EXCLUDED.rules)
         RETURNING province_code, version, revision, legal_basis, valid_from, valid_to, rules)
       INSERT INTO rule_set_revisions (province_code, version, revision, legal_basis, valid_from, valid_to, rules, created_by)
       SELECT province_code, version, revision, legal_basis, valid_from, valid_to, rules, $7 FROM written
       ON CONFLICT ON CONSTRAINT pk_rule_set_revisions DO NOTHING`,
      [
        provinceCode,
        set.version,
        JSON.stringify(set.legalBasis),
        set.validFrom,
        set.validTo,
        JSON.stringify(set.rules),
        SEED_ACTOR,
      ],
    );
    seeded.push(set.version);
  }
  return { ruleSetVersions: seeded, ruleSetsSkipped: skipped };
}

/** Idempotent: safe to run on every start. */
export async function seedDemoProvince(ds: DataSource, options: DemoProvinceOptions = {}): Promise<DemoProvince> {
  const provinceCode = options.provinceCode ?? 'BK';
  const blocCode = options.blocCode ?? 'MTTQ-DT';
  const year = options.year ?? 2020;
  const unit = (key: S1UnitKey) => `${provinceCode}-${key}`;
  return ds.transaction(async (m) => {
    await seedBlocOrganisation(m, {
      provinceCode,
      provinceName: options.provinceName ?? 'Tỉnh Bắc Kạn (dữ liệu mẫu)',
      blocCode,
      blocName: 'Khối thi đua Mặt trận Tổ quốc và các đoàn thể tỉnh',
      year,
      units: S1_UNITS.map((u) => ({ code: unit(u.key), name: u.name, kind: 'MAT_TRAN' as const })),
      leaderUnitCode: unit('HLHPN'),
      deputyUnitCode: unit('LDLD'),
    });
    const ruleSets = await seedRuleSets(m, provinceCode, options.ruleSets ?? demoRuleSets(provinceCode));
    // Demo data, not from the press reports: every unit's party and mass organisations were rated
    // "hoàn thành xuất sắc nhiệm vụ" for the year, which the flag requires (Luật TĐKT 2022 Art. 26(1)(b)).
    for (const u of S1_UNITS) {
      await m.query(
        `INSERT INTO unit_ratings (unit_code, year, rating, basis, recorded_by) VALUES ($1, $2, 'HTXSNV', $3, 'seed')
         ON CONFLICT ON CONSTRAINT uq_unit_ratings_year DO NOTHING`,
        [unit(u.key), year, 'Dữ liệu mẫu: xếp loại tổ chức đảng và đoàn thể của đơn vị'],
      );
    }
    return { provinceCode, blocCode, year, unit, ...ruleSets };
  });
}
