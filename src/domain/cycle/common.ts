import { checkRecordedDate, type DatedStep } from '../date-order';
import { fail, PASS, type Check } from '../outcome';
import { ruleSetAt } from '../rule-selection';
import { isIsoDate, vietnamDate } from '../working-days';
import type { Command, CycleState, Nominee, NomineeStatus, Phase } from '../../shared/cycle-types';
import { ErrorCode } from '../../shared/errors';
import type { ProvinceRules, RuleSet } from '../../shared/rules';
import { enforce, refuse } from './refusal';
import type { CycleContext, CycleMachine } from './types';

/** The rule set in force on a date; a step dated when none is in force is refused. */
export function ruleSetOn(m: CycleMachine, date: string): RuleSet {
  const set = ruleSetAt(m.hidden.ruleSets, date);
  if (!set) refuse(ErrorCode.NO_RULE_SET_IN_FORCE, `no rule set of province ${m.view.provinceCode} is in force on ${date}`);
  return set;
}

export const rulesOn = (m: CycleMachine, date: string): ProvinceRules => ruleSetOn(m, date).rules;

/** The rules of the conference: those in force on its date (today before it is held). */
export const conferenceRules = (m: CycleMachine, ctx: CycleContext): ProvinceRules =>
  rulesOn(m, m.view.conference?.heldOn ?? ctx.today);

export const unitName = (view: CycleState, code: string): string => view.units.find((u) => u.code === code)?.name ?? code;

export function requirePhase(view: CycleState, phase: Phase): Check {
  return view.phase === phase ? PASS : fail(ErrorCode.WRONG_PHASE, `the cycle is in ${view.phase}, not ${phase}`);
}

export const nomineesIn = (view: CycleState, status: NomineeStatus): Nominee[] =>
  view.nominees.filter((n) => n.status === status);

export function findNominee(view: CycleState, id: string): Nominee {
  const nominee = view.nominees.find((n) => n.id === id);
  if (!nominee) refuse(ErrorCode.UNKNOWN_NOMINEE, `no nominee ${id} in this dossier`);
  return nominee;
}

/** Each listed id must be one of `expected`, listed once, and all of `expected` must be listed. */
export function requireExactly(view: CycleState, ids: readonly string[], expected: readonly Nominee[], what: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    findNominee(view, id);
    if (!expected.some((n) => n.id === id)) refuse(ErrorCode.WRONG_STATE, `nominee ${id} is not awaiting ${what}`);
    if (seen.has(id)) refuse(ErrorCode.VALIDATION_FAILED, `nominee ${id} is listed twice`);
    seen.add(id);
  }
  const missing = expected.filter((n) => !seen.has(n.id)).map((n) => n.id);
  if (missing.length > 0) refuse(ErrorCode.VALIDATION_FAILED, `${what} must cover every nominee; missing: ${missing.join(', ')}`);
}

/** RECORD: the day a step happened on paper (checked by its rule); LIVE: none, the step happens now. */
export const dayOf = (ctx: CycleContext, cmd: Command): string | undefined => (ctx.facts.recordMode ? cmd.occurredOn : undefined);

/** The date a step carries: required, ordered and in range in a RECORD cycle, refused in a LIVE one. */
export function checkStepDate(ctx: CycleContext, cmd: Command, what: string, ...earlier: (DatedStep | undefined)[]): void {
  enforce(
    checkRecordedDate(
      ctx.facts.recordMode ? 'RECORD' : 'LIVE',
      { field: 'occurredOn', what, date: cmd.occurredOn },
      { today: ctx.today, year: ctx.facts.year },
      ...earlier,
    ),
  );
}

/** A step with its own date field (heldOn, toTrinh.date…): in a RECORD cycle that date is checked like occurredOn. */
export function checkOwnDate(
  ctx: CycleContext,
  cmd: Command,
  field: string,
  what: string,
  date: string,
  ...earlier: (DatedStep | undefined)[]
): void {
  if (!ctx.facts.recordMode) return checkStepDate(ctx, cmd, what);
  if (cmd.occurredOn !== undefined && cmd.occurredOn !== date)
    refuse(ErrorCode.VALIDATION_FAILED, `occurredOn: this step is recorded on its ${field} (${date}); leave occurredOn out`);
  enforce(checkRecordedDate('RECORD', { field, what, date }, { today: ctx.today, year: ctx.facts.year }, ...earlier));
}

/** RECORD: the day a phase opened on paper, as a step it precedes. */
export function phaseOpened(view: CycleState, phase: Phase, what: string): DatedStep | undefined {
  const date = view.phaseOpenedOn?.[phase];
  return date ? { field: 'occurredOn', what, date } : undefined;
}

export const deadlineDay = (field: string, what: string, deadline: string | undefined): DatedStep | undefined =>
  deadline ? { field, what, date: vietnamDate(new Date(deadline)) } : undefined;

/**
 * The business dates earlier steps carry, for checking that a later step does not come before them. The dossier's
 * completeness date is left out: without completeOn it is the day of entry, not a business date.
 */
export const dated = {
  conference: (view: CycleState): DatedStep | undefined =>
    view.conference ? { field: 'conference.heldOn', what: 'the conference', date: view.conference.heldOn } : undefined,
  toTrinh: (view: CycleState): DatedStep | undefined =>
    view.dossier && isIsoDate(view.dossier.toTrinh.date)
      ? { field: 'toTrinh.date', what: 'the tờ trình', date: view.dossier.toTrinh.date }
      : undefined,
  council: (view: CycleState): DatedStep | undefined =>
    view.council ? { field: 'sessionDate', what: 'the council session', date: view.council.sessionDate } : undefined,
};

/** The phase change an event makes; the shell mirrors it in the search attribute. */
export function enterPhase(m: CycleMachine, phase: Phase, on?: string): void {
  m.view.phase = phase;
  if (m.view.mode === 'RECORD' && on && m.view.phaseOpenedOn) m.view.phaseOpenedOn[phase] = on;
}
