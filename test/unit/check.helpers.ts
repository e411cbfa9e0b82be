import type { Check } from '../../src/domain/outcome';

/** The refusal a check returned; fails the test when the check passed. */
export function refusal(check: Check): { code: string; detail: string } {
  if (check.ok) throw new Error('expected the check to refuse, but it passed');
  return { code: check.code, detail: check.detail };
}
