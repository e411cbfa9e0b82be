import type { CycleMode } from '../shared/cycle-types';
import { ErrorCode } from '../shared/errors';
import { isIsoDate } from './working-days';
import { fail, PASS, type Check } from './outcome';

/** A dated step of the cycle: the field that carries its date (YYYY-MM-DD) and what it is. */
export interface DatedStep {
  field: string;
  what: string;
  date: string;
}

const dmy = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

/**
 * A step cannot have happened before the steps it depends on (the tờ trình before the conference that decided
 * it, the decision before the council that voted it…). Names both dates, as people write them.
 */
export function checkNotBefore(step: DatedStep, ...earlier: (DatedStep | undefined)[]): Check {
  for (const before of earlier) {
    if (before && step.date < before.date) {
      return fail(
        ErrorCode.DATE_OUT_OF_ORDER,
        `${step.field}: ${step.what} on ${dmy(step.date)} cannot come before ${before.what} on ${dmy(before.date)}`,
      );
    }
  }
  return PASS;
}

/** dd/mm/yyyy HH:mm in Viet Nam (UTC+7 all year) of an ISO instant. */
const vietnamDateTime = (instant: string): string => {
  const local = new Date(Date.parse(instant) + 7 * 3_600_000).toISOString();
  return `${dmy(local.slice(0, 10))} ${local.slice(11, 16)}`;
};

/**
 * A live year's deadline lies ahead: a deadline already past would close its phase the moment it opens and flag every
 * unit late. Names the field and the deadline as people write it.
 */
export function checkDeadlineAhead(field: string, deadline: string, nowMs: number): Check {
  return Date.parse(deadline) > nowMs
    ? PASS
    : fail(
        ErrorCode.DEADLINE_IN_PAST,
        `${field}: ${vietnamDateTime(deadline)} is already past; a live year's deadline must lie ahead (a past year is entered as a RECORD)`,
      );
}

/** What a recorded date is checked against besides the steps it depends on. */
export interface RecordContext {
  /** Today in Viet Nam (YYYY-MM-DD). */
  today: string;
  /** The year the cycle assesses: its steps lie between 1 January of it and 31 December of the year after. */
  year: number;
}

/**
 * The date a step happened, as a RECORD cycle carries it (`occurredOn`, or the step's own date field): required there,
 * a real date, not in the future, within the cycle's years and not before the steps it depends on. A LIVE step happens
 * when it is sent, so a LIVE cycle refuses a date given for it.
 */
export function checkRecordedDate(
  mode: CycleMode,
  step: { field: string; what: string; date: string | undefined },
  context: RecordContext,
  ...earlier: (DatedStep | undefined)[]
): Check {
  if (mode === 'LIVE') {
    return step.date === undefined
      ? PASS
      : fail(
          ErrorCode.VALIDATION_FAILED,
          `${step.field}: only the record of a past year (mode RECORD) carries the date a step happened; a live step happens when it is sent`,
        );
  }
  const { date } = step;
  if (date === undefined)
    return fail(
      ErrorCode.VALIDATION_FAILED,
      `${step.field}: the record of a past year needs the date ${step.what} happened (YYYY-MM-DD)`,
    );
  if (!isIsoDate(date)) return fail(ErrorCode.VALIDATION_FAILED, `${step.field} must be a date YYYY-MM-DD`);
  const dated: DatedStep = { field: step.field, what: step.what, date };
  if (date > context.today)
    return fail(
      ErrorCode.DATE_OUT_OF_ORDER,
      `${step.field}: ${step.what} on ${dmy(date)} cannot come after today, ${dmy(context.today)}`,
    );
  const first = `${context.year}-01-01`;
  const last = `${context.year + 1}-12-31`;
  if (date < first)
    return fail(
      ErrorCode.DATE_OUT_OF_ORDER,
      `${step.field}: ${step.what} on ${dmy(date)} cannot come before the year ${context.year} it records`,
    );
  if (date > last)
    return fail(
      ErrorCode.DATE_OUT_OF_ORDER,
      `${step.field}: ${step.what} on ${dmy(date)} cannot come after ${dmy(last)}, the end of the year after ${context.year}`,
    );
  return checkNotBefore(dated, ...earlier);
}

/**
 * A RECORD cycle's deadlines lie behind it (nothing of a past year is still due); a year still running is LIVE.
 * Names the field and the deadline as people write it.
 */
export function checkDeadlinePast(field: string, deadline: string, nowMs: number): Check {
  return Date.parse(deadline) <= nowMs
    ? PASS
    : fail(
        ErrorCode.DATE_OUT_OF_ORDER,
        `${field}: ${vietnamDateTime(deadline)} lies ahead; the record of a past year has its deadlines behind it (a year still running is LIVE)`,
      );
}

/** The latest of some dates (YYYY-MM-DD), or undefined when there are none. */
export function latestDate(dates: readonly (string | undefined)[]): string | undefined {
  return dates
    .filter((d): d is string => d !== undefined)
    .reduce<string | undefined>((a, b) => (a === undefined || b > a ? b : a), undefined);
}
