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
