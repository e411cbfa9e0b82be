import { DEFAULT_RULES } from '../../src/domain/default-rules';
import { openEndedRuleSet, ruleSetAt } from '../../src/domain/rule-selection';
import type { RuleSet } from '../../src/shared/rules';

const set = (version: string, validFrom: string, validTo: string | null): RuleSet => ({
  provinceCode: 'BK',
  version,
  legalBasis: [version],
  validFrom,
  validTo,
  rules: { ...DEFAULT_RULES, rulesVersion: version },
});

describe('ruleSetAt', () => {
  const sets = [set('ND98', '2024-01-01', '2025-06-30'), set('ND152', '2025-07-01', null)];

  it('given the last day of NĐ 98 and the first of NĐ 152, should pick each on its own date', () => {
    expect(ruleSetAt(sets, '2025-06-30')?.version).toBe('ND98');
    expect(ruleSetAt(sets, '2025-07-01')?.version).toBe('ND152');
    expect(ruleSetAt(sets, '2031-12-31')?.version).toBe('ND152');
  });

  it('given a date before every rule set, should find none', () => {
    expect(ruleSetAt(sets, '2023-12-31')).toBeUndefined();
  });

  it('given a cycle started before versioning, should apply its one rule object at any date', () => {
    const legacy = openEndedRuleSet('BK', DEFAULT_RULES);
    expect(ruleSetAt([legacy], '1999-01-01')).toBe(legacy);
    expect(legacy.version).toBe(DEFAULT_RULES.rulesVersion);
  });
});
