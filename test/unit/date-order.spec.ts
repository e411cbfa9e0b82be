import { checkNotBefore } from '../../src/domain/date-order';
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
