import type { ProvinceRules, RuleSet } from '../shared/rules';

/** The rule set in force on `date` (YYYY-MM-DD); intervals are inclusive and, by validation, disjoint. */
export function ruleSetAt(ruleSets: readonly RuleSet[], date: string): RuleSet | undefined {
  return ruleSets.find((set) => set.validFrom <= date && (set.validTo === null || date <= set.validTo));
}

/** Cycles started before rule sets were versioned carry one rule object; it applies at every date. */
export function openEndedRuleSet(provinceCode: string, rules: ProvinceRules): RuleSet {
  return {
    provinceCode,
    version: rules.rulesVersion,
    legalBasis: rules.legalBasis,
    validFrom: '0001-01-01',
    validTo: null,
    rules,
  };
}
