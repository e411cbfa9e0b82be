import { ErrorCode } from '../shared/errors';
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
    : fail(ErrorCode.DEADLINE_IN_PAST, `${field}: ${vietnamDateTime(deadline)} is already past; a deadline must lie ahead`);
}
