import { checkEligibility, CURRENT_ELIGIBILITY_CLAUSES, vietnamDate, type EligibilityInput } from '../../src/domain/eligibility';
import { demoRuleSets } from '../../src/domain/rule-sets';
import { ruleSetAt } from '../../src/domain/rule-selection';
import {
  EligibilityRule,
  TaskRating,
  UnitConditionKind,
  type EligibilityCheck,
  type UnitCondition,
  type UnitRating,
} from '../../src/shared/eligibility';
import { AwardType } from '../../src/shared/rules';

const SUSPENSION_CLAUSE = CURRENT_ELIGIBILITY_CLAUSES.suspension.citation;
const NEGATIVE_LISTS_CLAUSE = CURRENT_ELIGIBILITY_CLAUSES.negativeLists.citation;
const EXCELLENT_RATING_CLAUSE = CURRENT_ELIGIBILITY_CLAUSES.excellentRating.citation;
const UNIT = 'BK-HLHPN';
const YEAR = 2020;
const AS_OF = '2020-12-20';

const condition = (kind: UnitConditionKind, over: Partial<UnitCondition> = {}): UnitCondition => ({
  unitCode: UNIT,
  kind,
  sourceAgency: 'Thanh tra tỉnh',
  description: 'Thanh tra việc sử dụng kinh phí',
  reference: '15/QĐ-TTr',
  fromDate: '2020-03-01',
  toDate: null,
  resolvedAt: null,
  ...over,
});

const excellent: UnitRating = { unitCode: UNIT, year: YEAR, rating: TaskRating.HTXSNV, basis: 'Đảng ủy khối, QĐ 12' };

const input = (over: Partial<EligibilityInput> = {}): EligibilityInput => ({
  unitCode: UNIT,
  award: AwardType.BANG_KHEN_CHU_TICH,
  year: YEAR,
  asOf: AS_OF,
  conditions: [],
  ratings: [excellent],
  requireExcellentRatingForFlag: true,
  ...over,
});

const checksOf = (rule: EligibilityRule, checks: EligibilityCheck[]) => checks.filter((c) => c.rule === rule);

/** Instant at the start of a day in Viet Nam. */
const startOfDay = (date: string) => new Date(`${date}T00:00:00+07:00`).toISOString();

describe('checkEligibility', () => {
  describe('given no conditions and an excellent rating', () => {
    it('when checking a flag, should be eligible and list every rule as passed with its clause', () => {
      const result = checkEligibility(input({ award: AwardType.CO_THI_DUA_TINH }));
      expect(result).toMatchObject({ unitCode: UNIT, award: AwardType.CO_THI_DUA_TINH, year: YEAR, asOf: AS_OF, eligible: true });
      expect(result.checks.map((c) => [c.rule, c.passed, c.clause])).toEqual([
        [EligibilityRule.NOT_SUSPENDED, true, SUSPENSION_CLAUSE],
        [EligibilityRule.DISCIPLINE_PERIOD_OVER, true, SUSPENSION_CLAUSE],
        [EligibilityRule.NOT_ON_NEGATIVE_LIST, true, NEGATIVE_LISTS_CLAUSE],
        [EligibilityRule.EXCELLENT_RATING, true, EXCELLENT_RATING_CLAUSE],
      ]);
    });

    it('when checking a flag, should say what each clause requires, and the two NĐ 152 Art. 4(4) checks say different things', () => {
      const result = checkEligibility(input({ award: AwardType.CO_THI_DUA_TINH }));
      const [suspension, discipline] = result.checks;
      expect(suspension?.requirement).toBe(CURRENT_ELIGIBILITY_CLAUSES.suspension.requirement);
      expect(discipline?.requirement).toBe('Tập thể bị kỷ luật: thành tích chỉ được tính từ khi hết thời hạn kỷ luật.');
      expect(suspension?.clause).toBe(discipline?.clause);
      expect(suspension?.requirement).not.toBe(discipline?.requirement);
    });

    it('when the rule set in force is that of NĐ 91/2017 (a 2020 cycle), should cite that period, not NĐ 152/2025', () => {
      const nd91 = ruleSetAt(demoRuleSets('BK'), '2020-12-29');
      expect(nd91?.version).toBe('BK-ND91-2017');
      const result = checkEligibility(input({ award: AwardType.CO_THI_DUA_TINH, clauses: nd91?.rules.eligibility?.clauses }));
      for (const check of result.checks) {
        expect(check.clause).not.toContain('152/2025');
        expect(check.clause).not.toContain('2022');
        expect(check.requirement?.length).toBeGreaterThan(20);
      }
      expect(result.checks.map((c) => c.clause)).toEqual([
        'Luật TĐKT 2003 (sửa đổi 2013); Nghị định 91/2017/NĐ-CP (điều khoản chưa xác minh)',
        'Luật TĐKT 2003 (sửa đổi 2013); Nghị định 91/2017/NĐ-CP (điều khoản chưa xác minh)',
        'Quy chế Thi đua, khen thưởng của tỉnh',
        'Luật TĐKT 2003 (sửa đổi 2013), tiêu chuẩn Cờ thi đua cấp tỉnh (điều khoản chưa xác minh)',
      ]);
    });

    it('when checking a Bằng khen, should not apply the rating rule', () => {
      const result = checkEligibility(input());
      expect(result.eligible).toBe(true);
      expect(checksOf(EligibilityRule.EXCELLENT_RATING, result.checks)).toEqual([]);
    });
  });

  describe('suspension (investigation, inspection, audit, complaint)', () => {
    it.each([
      UnitConditionKind.INVESTIGATION,
      UnitConditionKind.INSPECTION,
      UnitConditionKind.AUDIT,
      UnitConditionKind.COMPLAINT,
    ])('given an open %s, should fail with the NĐ 152 clause naming the record', (kind) => {
      const result = checkEligibility(input({ conditions: [condition(kind)] }));
      expect(result.eligible).toBe(false);
      const [check] = checksOf(EligibilityRule.NOT_SUSPENDED, result.checks);
      expect(check).toMatchObject({ passed: false, clause: 'Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4' });
      expect(check.detail).toContain('15/QĐ-TTr');
      expect(check.detail).toContain('Thanh tra tỉnh');
    });

    it('given a condition that ended the day before asOf, should pass and say when it ended', () => {
      const result = checkEligibility(input({ conditions: [condition(UnitConditionKind.INSPECTION, { toDate: '2020-12-19' })] }));
      expect(result.eligible).toBe(true);
      const [check] = checksOf(EligibilityRule.NOT_SUSPENDED, result.checks);
      expect(check.passed).toBe(true);
      expect(check.detail).toContain('ended on 2020-12-19');
    });

    it('given a condition whose last day is asOf, should still fail', () => {
      const result = checkEligibility(input({ conditions: [condition(UnitConditionKind.INSPECTION, { toDate: AS_OF })] }));
      expect(result.eligible).toBe(false);
    });

    it('given a condition opened on asOf, should fail', () => {
      const result = checkEligibility(input({ conditions: [condition(UnitConditionKind.COMPLAINT, { fromDate: AS_OF })] }));
      expect(result.eligible).toBe(false);
      expect(checksOf(EligibilityRule.NOT_SUSPENDED, result.checks)[0].detail).toContain(`pending on ${AS_OF}`);
    });

    it('given a condition opened the day after asOf, should ignore it', () => {
      const result = checkEligibility(
        input({ conditions: [condition(UnitConditionKind.COMPLAINT, { fromDate: '2020-12-21' })] }),
      );
      expect(result.eligible).toBe(true);
    });

    it('given a condition resolved on asOf (Viet Nam time), should pass and say when it was resolved', () => {
      const resolvedAt = startOfDay(AS_OF);
      expect(resolvedAt).toBe('2020-12-19T17:00:00.000Z');
      const result = checkEligibility(input({ conditions: [condition(UnitConditionKind.INVESTIGATION, { resolvedAt })] }));
      expect(result.eligible).toBe(true);
      expect(checksOf(EligibilityRule.NOT_SUSPENDED, result.checks)[0].detail).toContain(`resolved on ${AS_OF}`);
    });

    it('given a condition resolved the day after asOf, should fail', () => {
      const resolvedAt = startOfDay('2020-12-21');
      const result = checkEligibility(input({ conditions: [condition(UnitConditionKind.INVESTIGATION, { resolvedAt })] }));
      expect(result.eligible).toBe(false);
    });

    it('given a condition that ended before the assessed year, should leave it out of the checks', () => {
      const result = checkEligibility(
        input({ conditions: [condition(UnitConditionKind.AUDIT, { fromDate: '2019-02-01', toDate: '2019-12-31' })] }),
      );
      expect(result.eligible).toBe(true);
      expect(checksOf(EligibilityRule.NOT_SUSPENDED, result.checks)[0].detail).toContain('no investigation');
    });

    it('given another unit under investigation, should not affect this unit', () => {
      const result = checkEligibility(
        input({ conditions: [condition(UnitConditionKind.INVESTIGATION, { unitCode: 'BK-LDLD' })] }),
      );
      expect(result.eligible).toBe(true);
    });
  });

  describe('discipline', () => {
    const discipline = (over: Partial<UnitCondition>) =>
      condition(UnitConditionKind.DISCIPLINE, { sourceAgency: 'UBKT Tỉnh ủy', fromDate: '2019-01-15', ...over });

    it('given a discipline period ending on Dec 31 of the previous year, should pass', () => {
      const result = checkEligibility(input({ conditions: [discipline({ toDate: '2019-12-31' })] }));
      expect(result.eligible).toBe(true);
      expect(checksOf(EligibilityRule.DISCIPLINE_PERIOD_OVER, result.checks)).toEqual([
        expect.objectContaining({ passed: true, clause: SUSPENSION_CLAUSE }),
      ]);
    });

    it('given a discipline period ending on Jan 1 of the assessed year, should fail with the NĐ 152 clause', () => {
      const result = checkEligibility(input({ conditions: [discipline({ toDate: '2020-01-01' })] }));
      expect(result.eligible).toBe(false);
      const [check] = checksOf(EligibilityRule.DISCIPLINE_PERIOD_OVER, result.checks);
      expect(check).toMatchObject({ passed: false, clause: SUSPENSION_CLAUSE });
      expect(check.detail).toContain('until 2020-01-01');
      expect(check.detail).toContain('UBKT Tỉnh ủy');
    });

    it('given a discipline with no end, should fail', () => {
      const result = checkEligibility(input({ conditions: [discipline({ fromDate: '2020-06-01' })] }));
      expect(result.eligible).toBe(false);
      expect(checksOf(EligibilityRule.DISCIPLINE_PERIOD_OVER, result.checks)[0].detail).toContain('no end');
    });

    it('given a discipline lifted on Dec 31 of the previous year before its period ended, should pass', () => {
      const result = checkEligibility(
        input({ conditions: [discipline({ toDate: '2020-06-30', resolvedAt: startOfDay('2019-12-31') })] }),
      );
      expect(result.eligible).toBe(true);
    });

    it('given a discipline decided after the year but before asOf, should fail', () => {
      const result = checkEligibility(
        input({ asOf: '2021-01-10', conditions: [discipline({ fromDate: '2021-01-05', toDate: '2021-07-05' })] }),
      );
      expect(result.eligible).toBe(false);
    });
  });

  describe('negative lists', () => {
    const listed = (over: Partial<UnitCondition> = {}) =>
      condition(UnitConditionKind.NEGATIVE_LIST, {
        sourceAgency: 'Công an tỉnh',
        description: 'Vi phạm an toàn giao thông của cán bộ',
        reference: 'DS-05/CAT',
        fromDate: '2020-10-02',
        ...over,
      });

    it('given a record dated in the assessed year, should fail naming the agency in the clause and the detail', () => {
      const result = checkEligibility(input({ conditions: [listed()] }));
      expect(result.eligible).toBe(false);
      const [check] = checksOf(EligibilityRule.NOT_ON_NEGATIVE_LIST, result.checks);
      expect(check).toMatchObject({
        passed: false,
        clause: 'Quy chế Thi đua, khen thưởng của tỉnh (danh sách của Công an tỉnh)',
      });
      expect(check.detail).toContain('DS-05/CAT');
      expect(check.detail).toContain('Công an tỉnh');
    });

    it('given one check per record, should list each agency', () => {
      const result = checkEligibility(input({ conditions: [listed(), listed({ sourceAgency: 'Cục Thuế', reference: 'T-1' })] }));
      expect(checksOf(EligibilityRule.NOT_ON_NEGATIVE_LIST, result.checks).map((c) => c.clause)).toEqual([
        'Quy chế Thi đua, khen thưởng của tỉnh (danh sách của Công an tỉnh)',
        'Quy chế Thi đua, khen thưởng của tỉnh (danh sách của Cục Thuế)',
      ]);
    });

    it.each([
      ['Dec 31 of the previous year', '2019-12-31'],
      ['Jan 1 of the next year', '2021-01-01'],
    ])('given a record dated %s, should not block', (_label, fromDate) => {
      const result = checkEligibility(input({ asOf: '2021-01-10', conditions: [listed({ fromDate })] }));
      expect(result.eligible).toBe(true);
    });

    it('given a record dated Jan 1 of the assessed year, should block', () => {
      expect(checkEligibility(input({ conditions: [listed({ fromDate: '2020-01-01' })] })).eligible).toBe(false);
    });

    it('given a record withdrawn by the agency before asOf, should pass and say so', () => {
      const result = checkEligibility(input({ conditions: [listed({ resolvedAt: startOfDay('2020-11-01') })] }));
      expect(result.eligible).toBe(true);
      expect(checksOf(EligibilityRule.NOT_ON_NEGATIVE_LIST, result.checks)[0].detail).toContain('withdrawn on 2020-11-01');
    });
  });

  describe('task-completion rating for flags', () => {
    it.each([AwardType.CO_THI_DUA_TINH, AwardType.CO_THI_DUA_CHINH_PHU])(
      'given a rating below HTXSNV, when checking %s, should fail with the Law Art. 26 clause',
      (award) => {
        const ratings = [{ ...excellent, rating: TaskRating.HTTNV }];
        const result = checkEligibility(input({ award, ratings }));
        expect(result.eligible).toBe(false);
        const [check] = checksOf(EligibilityRule.EXCELLENT_RATING, result.checks);
        expect(check).toMatchObject({ passed: false, clause: 'Luật Thi đua, khen thưởng 2022, Điều 26 khoản 1 điểm b' });
        expect(check.detail).toContain('HTTNV');
      },
    );

    it('given a rating below HTXSNV, when checking a Bằng khen, should stay eligible', () => {
      const result = checkEligibility(input({ ratings: [{ ...excellent, rating: TaskRating.HTNV }] }));
      expect(result.eligible).toBe(true);
    });

    it('given no rating for the year (only for another year), should fail saying none is recorded', () => {
      const result = checkEligibility(input({ award: AwardType.CO_THI_DUA_TINH, ratings: [{ ...excellent, year: 2019 }] }));
      expect(result.eligible).toBe(false);
      expect(checksOf(EligibilityRule.EXCELLENT_RATING, result.checks)[0].detail).toContain(
        'no task-completion rating recorded for 2020',
      );
    });

    it('given the province does not require the rating, should not apply the rule', () => {
      const result = checkEligibility(
        input({ award: AwardType.CO_THI_DUA_TINH, ratings: [], requireExcellentRatingForFlag: false }),
      );
      expect(result.eligible).toBe(true);
      expect(checksOf(EligibilityRule.EXCELLENT_RATING, result.checks)).toEqual([]);
    });
  });

  it('given several failing rules, should report every check, passed and failed', () => {
    const result = checkEligibility(
      input({
        award: AwardType.CO_THI_DUA_TINH,
        ratings: [],
        conditions: [condition(UnitConditionKind.INVESTIGATION), condition(UnitConditionKind.AUDIT, { toDate: '2020-05-01' })],
      }),
    );
    expect(result.eligible).toBe(false);
    expect(result.checks.map((c) => [c.rule, c.passed])).toEqual([
      [EligibilityRule.NOT_SUSPENDED, false],
      [EligibilityRule.NOT_SUSPENDED, true],
      [EligibilityRule.DISCIPLINE_PERIOD_OVER, true],
      [EligibilityRule.NOT_ON_NEGATIVE_LIST, true],
      [EligibilityRule.EXCELLENT_RATING, false],
    ]);
  });
});

describe('vietnamDate', () => {
  it('given an instant late in the UTC day, should give the next calendar day in Viet Nam', () => {
    expect(vietnamDate('2020-12-19T16:59:59.999Z')).toBe('2020-12-19');
    expect(vietnamDate('2020-12-19T17:00:00.000Z')).toBe('2020-12-20');
  });
});
