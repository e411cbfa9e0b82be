import { parseProblems } from '../../../web/src/lib/problems';

describe('parseProblems: the validation problems of a 422 detail, one per field', () => {
  it('given two problems, should list both with their fields', () => {
    expect(
      parseProblems(
        'rules.awards.CO_THI_DUA_TINH.threshold: must be greater than 0 and at most 1, got 1.5; validTo: must not be before validFrom',
      ),
    ).toEqual([
      { field: 'rules.awards.CO_THI_DUA_TINH.threshold', message: 'must be greater than 0 and at most 1, got 1.5' },
      { field: 'validTo', message: 'must not be before validFrom' },
    ]);
  });

  it('given a message that itself contains "; ", should keep it whole', () => {
    expect(parseProblems('rules.awards.GIAY_KHEN_HUYEN: unknown award; one of CO_THI_DUA_TINH, BANG_KHEN_CHU_TICH')).toEqual([
      { field: 'rules.awards.GIAY_KHEN_HUYEN', message: 'unknown award; one of CO_THI_DUA_TINH, BANG_KHEN_CHU_TICH' },
    ]);
  });

  it('given no detail or one without a field, should answer nothing or the text alone', () => {
    expect(parseProblems(undefined)).toEqual([]);
    expect(parseProblems('  ')).toEqual([]);
    expect(parseProblems('the body is not valid')).toEqual([{ field: '', message: 'the body is not valid' }]);
  });
});
