import { ruleSetAt } from '../rule-selection';
import { isIsoDate } from '../working-days';
import { checkRole } from '../authorization';
import { fail, PASS, type Check } from '../outcome';
import type { Actor, Role } from '../../shared/actors';
import { NomineeStatus } from '../../shared/cycle-types';
import { ErrorCode } from '../../shared/errors';
import type { RuleSet } from '../../shared/rules';
import { refuse } from '../cycle/refusal';
import type { RoundContext, RoundItem, RoundMachine, RoundView } from './types';

export const atOf = (ctx: RoundContext): string => new Date(ctx.now).toISOString();

/** The rule set in force on a date; a step dated when none is in force is refused. */
export function roundRuleSetOn(m: RoundMachine, date: string): RuleSet {
  const set = ruleSetAt(m.hidden.ruleSets, date);
  if (!set) refuse(ErrorCode.NO_RULE_SET_IN_FORCE, `no rule set of province ${m.view.provinceCode} is in force on ${date}`);
  return set;
}

export function findItem(view: RoundView, id: string): RoundItem {
  const item = view.items.find((i) => i.id === id);
  if (!item) refuse(ErrorCode.UNKNOWN_ITEM, `no item ${id} in round ${view.roundId}`);
  return item;
}

/** An open round and one of the roles: the guard every step starts with. */
export function openAnd(view: RoundView, actor: Actor, ...roles: Role[]): Check {
  if (view.status !== 'OPEN') return fail(ErrorCode.WRONG_STATE, `round ${view.roundId} is closed`);
  return checkRole(actor, ...roles);
}

export function requireDate(field: string, value: string): void {
  if (!isIsoDate(value)) refuse(ErrorCode.VALIDATION_FAILED, `${field} must be a date YYYY-MM-DD`);
}

export function requireDistinct(ids: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) refuse(ErrorCode.VALIDATION_FAILED, `${id} is listed twice in ${what}`);
    seen.add(id);
  }
  if (ids.length === 0) refuse(ErrorCode.VALIDATION_FAILED, `${what} must not be empty`);
}

export const text = (value: string | undefined): string | undefined => (value?.trim() ? value.trim() : undefined);

/** Statuses from which nothing more happens to an item in this round. */
export const SETTLED: readonly NomineeStatus[] = [
  NomineeStatus.NOT_RECOMMENDED,
  NomineeStatus.COUNCIL_REJECTED,
  NomineeStatus.APPROVED,
  NomineeStatus.REJECTED,
];

export const isSettled = (item: RoundItem): boolean => SETTLED.includes(item.status);

export { PASS };
