import {
  checkDeadlineAhead,
  checkDeadlinePast,
  checkNotBefore,
  checkRecordedDate,
  latestDate,
} from '../../src/domain/date-order';
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
      "pledgeDeadline: 01/07/2020 17:00 is already past; a live year's deadline must lie ahead (a past year is entered as a RECORD)",
    );
  });
});

describe('checkRecordedDate', () => {
  const context = { today: '2026-12-06', year: 2020 };
  const pledge = (date: string | undefined) => ({ field: 'occurredOn', what: 'the pledge', date });
  const launch = { field: 'occurredOn', what: 'the launch', date: '2020-01-15' };

  it('given a RECORD step dated within the years, not in the future and after what it depends on, should pass', () => {
    expect(checkRecordedDate('RECORD', pledge('2020-01-20'), context, launch)).toEqual(PASS);
    expect(checkRecordedDate('RECORD', pledge('2020-01-15'), context, launch, undefined)).toEqual(PASS);
    expect(checkRecordedDate('RECORD', pledge('2021-12-31'), context)).toEqual(PASS);
  });

  it('given a RECORD step without a date, or with one that is not a day, should refuse naming the field', () => {
    for (const date of [undefined, '2020-02-30', '20/01/2020']) {
      const refused = refusal(checkRecordedDate('RECORD', pledge(date), context, launch));
      expect(refused.code).toBe(ErrorCode.VALIDATION_FAILED);
      expect(refused.detail).toContain('occurredOn');
    }
  });

  it('given a RECORD step before what it depends on, in the future or outside the years, should refuse naming the dates', () => {
    const cases: [string, string][] = [
      ['2020-01-10', 'occurredOn: the pledge on 10/01/2020 cannot come before the launch on 15/01/2020'],
      ['2026-12-07', 'occurredOn: the pledge on 07/12/2026 cannot come after today, 06/12/2026'],
      ['2019-12-31', 'occurredOn: the pledge on 31/12/2019 cannot come before the year 2020 it records'],
      ['2022-01-01', 'occurredOn: the pledge on 01/01/2022 cannot come after 31/12/2021, the end of the year after 2020'],
    ];
    for (const [date, detail] of cases) {
      const refused = refusal(checkRecordedDate('RECORD', pledge(date), { today: '2026-12-06', year: 2020 }, launch));
      expect(refused).toEqual({ code: ErrorCode.DATE_OUT_OF_ORDER, detail });
    }
  });

  it('given a LIVE step, should pass without a date and refuse one, since a live step happens when it is sent', () => {
    expect(checkRecordedDate('LIVE', pledge(undefined), context, launch)).toEqual(PASS);
    const refused = refusal(checkRecordedDate('LIVE', pledge('2020-01-20'), context));
    expect(refused.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(refused.detail).toContain('RECORD');
  });
});

describe('checkDeadlinePast', () => {
  const now = Date.parse('2026-12-06T10:00:00.000Z');

  it('given a record whose deadline is behind it, should pass; one ahead is refused naming the field', () => {
    expect(checkDeadlinePast('pledgeDeadline', '2020-02-14T10:00:00.000Z', now)).toEqual(PASS);
    const refused = refusal(checkDeadlinePast('selfAssessmentDeadline', '2026-12-31T10:00:00.000Z', now));
    expect(refused.code).toBe(ErrorCode.DATE_OUT_OF_ORDER);
    expect(refused.detail).toContain('selfAssessmentDeadline: 31/12/2026 17:00 lies ahead');
  });
});

describe('latestDate', () => {
  it('given dates with gaps, should answer the latest, or undefined for none', () => {
    expect(latestDate(['2020-01-20', undefined, '2020-01-30', '2020-01-25'])).toBe('2020-01-30');
    expect(latestDate([undefined])).toBeUndefined();
  });
});
