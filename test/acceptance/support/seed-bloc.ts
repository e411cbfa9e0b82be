import type { DataSource, EntityManager } from 'typeorm';
import { seedRuleSets } from '../../../src/seed/demo-province';
import { seedBlocOrganisation } from '../../../src/seed/organisation';
import { Role } from '../../../src/shared/actors';
import { demoRuleSets } from '../../../src/domain/rule-sets';
import { TaskRating } from '../../../src/shared/eligibility';
import { AWARD_TYPES, type RuleSet } from '../../../src/shared/rules';
import type { CycleFixture, RuleOverride } from '../fixtures/cycle-fixture';

/** A fixture's bloc as stored for one test run: its unit keys mapped to the run's unit codes. */
export interface SeededBloc<K extends string> {
  provinceCode: string;
  blocCode: string;
  year: number;
  unit: (key: K) => string;
  keyOf: (unitCode: string) => K;
  ruleSetVersions: string[];
}

const SEED_ACTOR = 'seed:acceptance';

/** demoRuleSets of the province, with the fixture's override applied to every legal period alike. */
export function fixtureRuleSets(provinceCode: string, override?: RuleOverride): RuleSet[] {
  return demoRuleSets(provinceCode).map((set) => {
    if (!override) return set;
    const awards = { ...set.rules.awards };
    for (const award of AWARD_TYPES) {
      const change = override.awards[award];
      if (change) awards[award] = { ...awards[award], ...change };
    }
    return { ...set, rules: { ...set.rules, awards } };
  });
}

/**
 * Creates a fixture's province, units, bloc, memberships and the year's leadership through OrganisationService (as
 * src/seed/demo-province.ts does), then its rule sets and ratings. `provinceCode` must be unique to the run: cycle workflow ids
 * (cycle.<province>.<bloc>.<year>) live in a Temporal namespace every test file and run shares.
 */
export async function seedBloc<K extends string>(
  ds: DataSource,
  fixture: CycleFixture<K>,
  provinceCode: string,
): Promise<SeededBloc<K>> {
  requireNfc(fixture);
  const unit = (key: K) => `${provinceCode}-${key}`;
  const byCode = new Map(fixture.units.map((u) => [unit(u.key), u.key]));
  const keyOf = (code: string): K => {
    const key = byCode.get(code);
    if (key === undefined) throw new Error(`${code} is not a unit of fixture ${fixture.id}`);
    return key;
  };
  const { year } = fixture;
  const ruleSetVersions = await ds.transaction(async (m) => {
    await seedBlocOrganisation(m, {
      provinceCode,
      provinceName: fixture.province.name,
      blocCode: fixture.bloc.code,
      blocName: fixture.bloc.name,
      year,
      units: fixture.units.map((u) => ({ code: unit(u.key), name: u.name })),
      leaderUnitCode: unit(fixture.leadership.leader),
      deputyUnitCode: unit(fixture.leadership.deputy),
      actor: { userId: SEED_ACTOR, role: Role.ADMIN },
    });
    const versions = await insertRuleSets(m, provinceCode, fixtureRuleSets(provinceCode, fixture.ruleOverride));
    for (const u of fixture.units) {
      // Test data, as in the demo seed: the flag requires the unit's party and mass organisations rated HTXSNV
      // (Luật TĐKT 2022 Art. 26(1)(b)); the press reports say nothing of the ratings.
      await m.query(
        `INSERT INTO unit_ratings (unit_code, year, rating, basis, recorded_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ON CONSTRAINT uq_unit_ratings_year DO NOTHING`,
        [
          unit(u.key),
          year,
          fixture.ratings?.[u.key] ?? TaskRating.HTXSNV,
          `Dữ liệu kiểm thử (${fixture.id}): xếp loại tổ chức đảng và đoàn thể của đơn vị`,
          SEED_ACTOR,
        ],
      );
    }
    return versions;
  });
  return { provinceCode, blocCode: fixture.bloc.code, year, unit, keyOf, ruleSetVersions };
}

/** Each set through the validation the API applies, then stored as the demo seed stores them. */
async function insertRuleSets(m: EntityManager, provinceCode: string, ruleSets: RuleSet[]): Promise<string[]> {
  const { ruleSetVersions, ruleSetsSkipped } = await seedRuleSets(m, provinceCode, ruleSets);
  if (ruleSetsSkipped.length > 0) throw new Error(`rule sets skipped: ${ruleSetsSkipped.map((r) => r.reason).join('; ')}`);
  return ruleSetVersions;
}

function requireNfc<K extends string>(fixture: CycleFixture<K>): void {
  const texts = [fixture.province.name, fixture.bloc.name, ...fixture.units.map((u) => u.name), fixture.conference.location];
  const bad = texts.filter((t) => t !== t.normalize('NFC'));
  if (bad.length > 0) throw new Error(`fixture ${fixture.id} has text that is not NFC: ${bad.join(' | ')}`);
}
