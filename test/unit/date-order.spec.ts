import { checkDeadlineAhead, checkNotBefore } from '../../src/domain/date-order';
import { PASS } from '../../src/domain/outcome';
import { ErrorCode } from '../../src/shared/errors';
import { refusal } from './check.helpers';

describe('checkNotBefore', () => {
  const council = { field: 'sessionDate', what: 'the council session', date: '2021-01-12' };
  const conference = { field: 'conference.heldOn', what: 'the conference', date: '2020-12-29' };

  it('given a step on or after every step it depends on (or with none recorded yet), should pass', () => {
    const decision = { field: 'decisionDate', what: 'the decision', date: '2021-01-12' };
    expect(checkNotBefore(decision, conference, council)).toEqual(PASS);
    expect(checkNotBefore(decision, undefined, conference)).toEqual(PASS);
  });

  it('given a decision dated before the council, should refuse naming both dates as people write them', () => {
    const decision = { field: 'decisionDate', what: 'the decision', date: '2021-01-05' };
    const refused = refusal(checkNotBefore(decision, conference, council));
    expect(refused.code).toBe(ErrorCode.DATE_OUT_OF_ORDER);
    expect(refused.detail).toBe('decisionDate: the decision on 05/01/2021 cannot come before the council session on 12/01/2021');
  });
});

describe('checkDeadlineAhead', () => {
  const now = Date.parse('2026-12-06T10:00:00.000Z');

  it('given a deadline ahead, should pass', () => {
    expect(checkDeadlineAhead('pledgeDeadline', '2026-12-06T10:00:01.000Z', now)).toEqual(PASS);
  });

  it('given a deadline already past (or now), should refuse naming the field and the time in Viet Nam', () => {
    for (const deadline of ['2020-07-01T10:00:00.000Z', '2026-12-06T10:00:00.000Z']) {
      expect(refusal(checkDeadlineAhead('pledgeDeadline', deadline, now)).code).toBe(ErrorCode.DEADLINE_IN_PAST);
    }
    expect(refusal(checkDeadlineAhead('pledgeDeadline', '2020-07-01T10:00:00.000Z', now)).detail).toBe(
      'pledgeDeadline: 01/07/2020 17:00 is already past; a live year\'s deadline must lie ahead (a past year is entered as a RECORD)',
    );
  });
});
