import { Role } from '../shared/actors';
import { chainDefinitionProblems } from './approval/definition';
import type { ChainDefinition } from '../shared/approval';
import { isIsoDate } from './working-days';
import {
  AWARD_TYPES,
  CHAIN_STEPS,
  type ApprovalChainSteps,
  CountBase,
  LeaderSelection,
  TieBreaker,
  type AwardRule,
  type AwardType,
  type EligibilityClauses,
  type ProvinceRules,
  type RuleSet,
} from '../shared/rules';

/** One thing wrong with a candidate rule set: a field path such as `rules.awards.CO_THI_DUA_TINH.threshold`. */
export interface RuleSetProblem {
  field: string;
  message: string;
}

export type RuleSetValidation = { ok: true; value: RuleSet } | { ok: false; problems: RuleSetProblem[] };

export const RULE_SET_VERSION = /^[A-Za-z0-9._-]{1,64}$/;
export const PROVINCE_CODE = /^[A-Za-z0-9_-]{1,32}$/;

/** Sanity bounds, not law: a deadline beyond this many days, or lists longer than these, are typing errors. */
const MAX_DEADLINE_DAYS = 1000;
const MAX_LIST = { legalBasis: 30, holidays: 400, indicatorOrder: 200 } as const;
/** award_history.award_name is varchar(200); everything else shown to people fits in 1000 characters. */
const MAX_TEXT = { displayName: 200, name: 300, basis: 1000 } as const;
const CRITERION_CODE = /^[A-Za-z0-9_.-]{1,64}$/;

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Drops keys whose value is undefined, so optional fields that were not given stay absent. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Reads fields of one object, recording a problem per bad field; a reader returns undefined for a bad value. */
class Reader {
  constructor(
    private readonly problems: RuleSetProblem[],
    private readonly path: string,
    private readonly obj: Obj,
  ) {}

  field(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  report(key: string, message: string): undefined {
    this.problems.push({ field: this.field(key), message });
    return undefined;
  }

  /** Opens a nested object, refusing keys outside `required` and `optional`; a missing required key is a problem. */
  static open(
    problems: RuleSetProblem[],
    path: string,
    value: unknown,
    required: readonly string[],
    optional: readonly string[] = [],
    unknownKey = 'unknown field',
  ): Reader | undefined {
    if (!isObject(value)) {
      problems.push({ field: path || '(body)', message: 'must be an object' });
      return undefined;
    }
    const reader = new Reader(problems, path, value);
    for (const key of Object.keys(value)) {
      if (!required.includes(key) && !optional.includes(key)) reader.report(key, unknownKey);
    }
    for (const key of required) {
      if (value[key] === undefined) reader.report(key, 'is required');
    }
    return reader;
  }

  has(key: string): boolean {
    return this.obj[key] !== undefined;
  }

  raw(key: string): unknown {
    return this.obj[key];
  }

  nested(key: string, required: readonly string[], optional: readonly string[] = [], unknownKey?: string): Reader | undefined {
    if (!this.has(key)) return undefined;
    return Reader.open(this.problems, this.field(key), this.obj[key], required, optional, unknownKey);
  }

  text(key: string, max: number = MAX_TEXT.basis, pattern?: RegExp): string | undefined {
    const value = this.obj[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') return this.report(key, 'must be a string');
    if (value.trim() === '') return this.report(key, 'must not be empty');
    if (value.length > max) return this.report(key, `must be at most ${max} characters`);
    if (pattern && !pattern.test(value)) return this.report(key, `must match ${String(pattern)}`);
    return value.normalize('NFC');
  }

  bool(key: string): boolean | undefined {
    const value = this.obj[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') return this.report(key, 'must be true or false');
    return value;
  }

  /** A share in (0, 1]. */
  ratio(key: string): number | undefined {
    const value = this.obj[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) return this.report(key, 'must be a number');
    if (value <= 0 || value > 1) return this.report(key, `must be greater than 0 and at most 1, got ${value}`);
    return value;
  }

  whole(key: string, min: number, max: number): number | undefined {
    const value = this.obj[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) return this.report(key, 'must be a number');
    if (!Number.isInteger(value)) return this.report(key, `must be a whole number, got ${value}`);
    if (value < min || value > max) {
      return this.report(
        key,
        max === Infinity ? `must be ${min} or more, got ${value}` : `must be between ${min} and ${max}, got ${value}`,
      );
    }
    return value;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const value = this.obj[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      return this.report(key, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
    }
    return value as T;
  }

  date(key: string): string | undefined {
    const value = this.obj[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !isRealDate(value)) {
      return this.report(key, `must be a real date written YYYY-MM-DD, got ${JSON.stringify(value)}`);
    }
    return value;
  }

  /** A list of distinct strings, each read like `text` (or as a date). */
  list(
    key: string,
    options: { maxItems: number; minItems?: number; itemMax?: number; pattern?: RegExp; dates?: boolean },
  ): string[] | undefined {
    const value = this.obj[key];
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) return this.report(key, 'must be a list');
    const minItems = options.minItems ?? 0;
    if (value.length < minItems) return this.report(key, `must have at least ${minItems} item${minItems === 1 ? '' : 's'}`);
    if (value.length > options.maxItems) return this.report(key, `must have at most ${options.maxItems} items`);
    const items = new Reader(this.problems, this.path, Object.fromEntries(value.map((v: unknown, i) => [`${key}[${i}]`, v])));
    const read = value.map((_, i) =>
      options.dates ? items.date(`${key}[${i}]`) : items.text(`${key}[${i}]`, options.itemMax, options.pattern),
    );
    if (read.some((v) => v === undefined)) return undefined;
    const strings = read as string[];
    const repeated = strings.find((v, i) => strings.indexOf(v) !== i);
    if (repeated !== undefined) return this.report(key, `must not repeat ${JSON.stringify(repeated)}`);
    return strings;
  }
}

/** A calendar date that exists (2025-02-30 does not), year 0001–9999, as PostgreSQL's `date` stores it. */
function isRealDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && value.slice(0, 4) !== '0000' && isIsoDate(value);
}

const AWARD_RULE_KEYS = [
  'enabled',
  'displayName',
  'threshold',
  'thresholdBase',
  'maxPerBloc',
  'requiresCouncil',
  'forwardedUpward',
  'basis',
] as const;

function readAward(award: Reader | undefined): AwardRule | undefined {
  if (!award) return undefined;
  return compact({
    enabled: award.bool('enabled'),
    displayName: award.text('displayName', MAX_TEXT.displayName),
    threshold: award.ratio('threshold'),
    thresholdBase: award.oneOf('thresholdBase', Object.values(CountBase)),
    // Whole awards per bloc and year; 0 is a valid way to grant none while keeping the award listed.
    maxPerBloc: award.whole('maxPerBloc', 0, Infinity),
    requiresCouncil: award.bool('requiresCouncil'),
    forwardedUpward: award.bool('forwardedUpward'),
    basis: award.text('basis'),
    maxShareOfMembers: award.ratio('maxShareOfMembers'),
  }) as AwardRule;
}

function readAwards(rules: Reader): Record<AwardType, AwardRule> | undefined {
  const awards = rules.nested('awards', AWARD_TYPES, [], `unknown award; one of ${AWARD_TYPES.join(', ')}`);
  if (!awards) return undefined;
  return Object.fromEntries(
    AWARD_TYPES.map((type) => [type, readAward(awards.nested(type, AWARD_RULE_KEYS, ['maxShareOfMembers']))]),
  ) as Record<AwardType, AwardRule>;
}

function readConference(rules: Reader): ProvinceRules['conference'] | undefined {
  const c = rules.nested(
    'conference',
    ['quorumRatio', 'quorumBase', 'secretBallot', 'basis'],
    ['allowAbsentWrittenVote', 'maxBallotRounds', 'selfVoteAllowed', 'tieBreakers', 'indicatorOrder'],
  );
  if (!c) return undefined;
  const tieBreakers = c.list('tieBreakers', { maxItems: Object.values(TieBreaker).length });
  const unknownTieBreaker = tieBreakers?.find((t) => !(Object.values(TieBreaker) as string[]).includes(t));
  if (unknownTieBreaker !== undefined) {
    c.report(
      'tieBreakers',
      `unknown tie-breaker ${JSON.stringify(unknownTieBreaker)}; one of ${Object.values(TieBreaker).join(', ')}`,
    );
  }
  const indicatorOrder = c.list('indicatorOrder', { maxItems: MAX_LIST.indicatorOrder, pattern: CRITERION_CODE });
  const missingOrder = !c.has('indicatorOrder') || indicatorOrder?.length === 0;
  if (tieBreakers?.includes(TieBreaker.INDICATOR_ORDER) && missingOrder) {
    c.report('indicatorOrder', 'must list at least one criterion code when tieBreakers include INDICATOR_ORDER');
  }
  return compact({
    quorumRatio: c.ratio('quorumRatio'),
    quorumBase: c.oneOf('quorumBase', [CountBase.TOTAL_MEMBERS] as const),
    secretBallot: c.bool('secretBallot'),
    basis: c.text('basis'),
    allowAbsentWrittenVote: c.bool('allowAbsentWrittenVote'),
    maxBallotRounds: c.whole('maxBallotRounds', 1, 5),
    selfVoteAllowed: c.bool('selfVoteAllowed'),
    tieBreakers: unknownTieBreaker === undefined ? (tieBreakers as TieBreaker[] | undefined) : undefined,
    indicatorOrder,
  }) as ProvinceRules['conference'];
}

function readCouncil(rules: Reader): ProvinceRules['council'] | undefined {
  const c = rules.nested(
    'council',
    ['quorumRatio', 'awardSessionAttendanceRatio', 'threshold', 'thresholdBase', 'basis'],
    ['allowAbsentWrittenVote'],
  );
  if (!c) return undefined;
  return compact({
    quorumRatio: c.ratio('quorumRatio') as number,
    awardSessionAttendanceRatio: c.ratio('awardSessionAttendanceRatio') as number,
    threshold: c.ratio('threshold') as number,
    thresholdBase: c.oneOf('thresholdBase', [CountBase.TOTAL_MEMBERS, CountBase.PRESENT] as const) as
      CountBase.TOTAL_MEMBERS | CountBase.PRESENT,
    basis: c.text('basis') as string,
    allowAbsentWrittenVote: c.bool('allowAbsentWrittenVote'),
  });
}

function readDeadlines(rules: Reader): ProvinceRules['deadlines'] | undefined {
  const d = rules.nested('deadlines', ['appraisalWorkingDays', 'defaultPledgeDays', 'defaultSelfAssessmentDays']);
  if (!d) return undefined;
  return {
    appraisalWorkingDays: d.whole('appraisalWorkingDays', 1, MAX_DEADLINE_DAYS) as number,
    defaultPledgeDays: d.whole('defaultPledgeDays', 1, MAX_DEADLINE_DAYS) as number,
    defaultSelfAssessmentDays: d.whole('defaultSelfAssessmentDays', 1, MAX_DEADLINE_DAYS) as number,
  };
}

const RULES_KEYS = [
  'receivingAgencyName',
  'leaderSelection',
  'deputyPromotes',
  'conference',
  'awards',
  'council',
  'deadlines',
  'holidays',
] as const;

function readRules(
  problems: RuleSetProblem[],
  value: unknown,
  owner: { version?: string; legalBasis?: string[] },
): ProvinceRules | undefined {
  // rulesVersion and legalBasis repeat the rule set's own; when left out they are filled from it.
  const rules = Reader.open(problems, 'rules', value, RULES_KEYS, [
    'rulesVersion',
    'legalBasis',
    'governmentFlagQuota',
    'governmentFlagCandidacy',
    'eligibility',
    'approvalChains',
  ]);
  if (!rules) return undefined;
  const rulesVersion = rules.text('rulesVersion', 64, RULE_SET_VERSION);
  if (rulesVersion !== undefined && owner.version !== undefined && rulesVersion !== owner.version) {
    rules.report('rulesVersion', `must equal the rule set's version ${owner.version} (or be left out), got ${rulesVersion}`);
  }
  const legalBasis = rules.list('legalBasis', { maxItems: MAX_LIST.legalBasis, minItems: 1 });
  if (legalBasis && owner.legalBasis && JSON.stringify(legalBasis) !== JSON.stringify(owner.legalBasis)) {
    rules.report('legalBasis', "must equal the rule set's legalBasis (or be left out)");
  }
  const quota = rules.nested('governmentFlagQuota', ['maxShareOfBlocLeaders', 'basis']);
  const candidacy = rules.nested('governmentFlagCandidacy', ['requiresProvincialFlag', 'basis']);
  const eligibility = rules.nested('eligibility', ['flagRequiresExcellentRating', 'suspendWhilePending', 'basis'], ['clauses']);
  const approvalChains = readApprovalChains(rules);
  return compact({
    rulesVersion: owner.version,
    legalBasis: owner.legalBasis,
    receivingAgencyName: rules.text('receivingAgencyName', MAX_TEXT.name),
    leaderSelection: rules.oneOf('leaderSelection', Object.values(LeaderSelection)),
    deputyPromotes: rules.bool('deputyPromotes'),
    conference: readConference(rules),
    awards: readAwards(rules),
    council: readCouncil(rules),
    deadlines: readDeadlines(rules),
    holidays: rules.list('holidays', { maxItems: MAX_LIST.holidays, dates: true }),
    governmentFlagQuota: quota && {
      maxShareOfBlocLeaders: quota.ratio('maxShareOfBlocLeaders') as number,
      basis: quota.text('basis') as string,
    },
    governmentFlagCandidacy: candidacy && {
      requiresProvincialFlag: candidacy.bool('requiresProvincialFlag') as boolean,
      basis: candidacy.text('basis') as string,
    },
    eligibility: eligibility && {
      flagRequiresExcellentRating: eligibility.bool('flagRequiresExcellentRating') as boolean,
      suspendWhilePending: eligibility.bool('suspendWhilePending') as boolean,
      basis: eligibility.text('basis') as string,
      ...(eligibility.has('clauses') ? { clauses: readEligibilityClauses(eligibility) } : {}),
    },
    approvalChains,
  }) as ProvinceRules;
}

/** The province's approval chains per step, each checked by the chain engine's own validation. */
function readApprovalChains(rules: Reader): ProvinceRules['approvalChains'] {
  const chains = rules.nested(
    'approvalChains',
    [],
    [...CHAIN_STEPS],
    `unknown step; the steps with a chain: ${CHAIN_STEPS.join(', ')}`,
  );
  if (!chains) return undefined;
  const result: ApprovalChainSteps = {};
  for (const step of CHAIN_STEPS) {
    const definition = chains.raw(step);
    if (definition === undefined) continue;
    let problems: string[];
    try {
      problems = chainDefinitionProblems(definition as ChainDefinition);
    } catch {
      problems = ['must be a chain definition (code, name, levels, maxReturnRounds, afterMaxRounds)'];
    }
    const levels: unknown =
      typeof definition === 'object' && definition !== null && 'levels' in definition ? definition.levels : undefined;
    if (step !== 'selfAssessment' && Array.isArray(levels)) {
      (levels as (Partial<ChainDefinition['levels'][number]> | null)[]).forEach((level, i) => {
        const role = level?.approvers?.role;
        if (role === Role.UNIT_HEAD || role === Role.UNIT_FOCAL) {
          // Said once, instead of the engine's "scope required" that the next check would then refuse.
          const scopeProblem = `levels[${i}].approvers.scope SUBJECT_UNIT is required`;
          problems = problems.filter((p) => !p.startsWith(scopeProblem));
          problems.push(
            `levels[${i}].approvers.role ${role}: a unit role approves only in the selfAssessment chain; use BLOC_LEADER or a provincial role`,
          );
        } else if (level?.approvers?.scope)
          problems.push(`levels[${i}].approvers.scope: only a unit's self-assessment has a subject unit`);
      });
    }
    if (problems.length > 0) for (const problem of problems) chains.report(step, problem);
    else result[step] = JSON.parse(JSON.stringify(definition)) as ChainDefinition;
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

function overlaps(a: { validFrom: string; validTo: string | null }, b: { validFrom: string; validTo: string | null }): boolean {
  return a.validFrom <= (b.validTo ?? '9999-12-31') && b.validFrom <= (a.validTo ?? '9999-12-31');
}

const within = (date: string, set: RuleSet) => set.validFrom <= date && (set.validTo === null || date <= set.validTo);

/**
 * Checks a candidate rule set (a request body, seed data) completely and says what is wrong with each field.
 *
 * - `existing` are the stored rule sets; those of the candidate's province with another version must not overlap
 *   its validity (both ends inclusive, `validTo: null` open-ended). A stored set with the candidate's own version is
 *   the one being edited, so it is ignored.
 * - `rules.rulesVersion` and `rules.legalBasis` repeat the rule set's `version` and `legalBasis`: they may be left
 *   out and are then filled in; when given they must be equal, so a decision never records a version that no
 *   rule set carries.
 * - Unknown fields are refused by name at every level, so a misspelt optional field cannot pass unnoticed.
 * - The value returned is a fresh object with text in NFC.
 */
export function validateRuleSet(candidate: unknown, existing: readonly RuleSet[]): RuleSetValidation {
  const problems: RuleSetProblem[] = [];
  const set = Reader.open(problems, '', candidate, ['provinceCode', 'version', 'legalBasis', 'validFrom', 'rules'], ['validTo']);
  if (!set) return { ok: false, problems };
  if (!set.has('validTo')) set.report('validTo', 'is required (null when open-ended)');
  const provinceCode = set.text('provinceCode', 32, PROVINCE_CODE);
  const version = set.text('version', 64, RULE_SET_VERSION);
  const legalBasis = set.list('legalBasis', { maxItems: MAX_LIST.legalBasis, minItems: 1 });
  const validFrom = set.date('validFrom');
  let validTo: string | null | undefined;
  if (set.raw('validTo') === null) validTo = null;
  else if (set.has('validTo')) validTo = set.date('validTo');
  if (validFrom !== undefined && typeof validTo === 'string' && validTo < validFrom) {
    set.report('validTo', `must not be before validFrom ${validFrom}, got ${validTo}`);
  } else if (validFrom !== undefined && validTo !== undefined && provinceCode !== undefined && version !== undefined) {
    const interval = { validFrom, validTo };
    for (const other of existing) {
      if (other.provinceCode !== provinceCode || other.version === version || !overlaps(interval, other)) continue;
      // Starting inside the other set is the start's fault; starting before it, the end reaches into it.
      const field = within(validFrom, other) ? 'validFrom' : 'validTo';
      set.report(
        field,
        `the interval ${validFrom} – ${validTo ?? 'open-ended'} overlaps rule set ${other.version} ` +
          `(${other.validFrom} – ${other.validTo ?? 'open-ended'}) of province ${provinceCode}`,
      );
    }
  }
  const rules = set.has('rules') ? readRules(problems, set.raw('rules'), { version, legalBasis }) : undefined;
  if (problems.length > 0) return { ok: false, problems };
  // No problem was reported, so every reader returned its value.
  return {
    ok: true,
    value: { provinceCode, version, legalBasis, validFrom, validTo, rules } as RuleSet,
  };
}

const ELIGIBILITY_CLAUSE_KEYS = ['suspension', 'discipline', 'excellentRating', 'negativeLists'] as const;

/** rules.eligibility.clauses: each check's clause, with its citation and what it requires, both required. */
function readEligibilityClauses(eligibility: Reader): EligibilityClauses | undefined {
  const clauses = eligibility.nested('clauses', ELIGIBILITY_CLAUSE_KEYS);
  if (!clauses) return undefined;
  return Object.fromEntries(
    ELIGIBILITY_CLAUSE_KEYS.map((key) => {
      const clause = clauses.nested(key, ['citation', 'requirement']);
      return [key, clause && { citation: clause.text('citation', MAX_TEXT.name), requirement: clause.text('requirement') }];
    }),
  ) as unknown as EligibilityClauses;
}
