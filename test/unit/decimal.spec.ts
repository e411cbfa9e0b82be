import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CriterionScoreDto } from '../../src/api/cycles/dto/assessment.dto';

/** The score fields' decimal check: class-validator's own threw on exponent notation, which the API answered 500. */
describe('IsDecimal(2)', () => {
  const errorsOf = async (points: unknown) =>
    (await validate(plainToInstance(CriterionScoreDto, { criterionCode: 'TC1', points, evidenceRefs: [] }))).filter(
      (e) => e.property === 'points',
    );

  it.each([38.5, 40, 0, 12.25, 1e21])('given %p, should accept it', async (points) => {
    expect(await errorsOf(points)).toEqual([]);
  });

  it.each([8e-323, 1e-7, 1.3847014646194624e-58, 38.555, 0.1 + 0.2, Number.NaN, Number.POSITIVE_INFINITY, '38.5'])(
    'given %p, should refuse it without throwing',
    async (points) => {
      expect((await errorsOf(points)).length).toBe(1);
    },
  );
});
