import { requiredCount } from '../../src/domain/ratio';

describe('requiredCount', () => {
  it.each([
    [0.8, 6, 5],
    [0.5, 6, 3],
    [2 / 3, 6, 4],
    [2 / 3, 9, 6],
    [2 / 3, 10, 7],
    [1, 6, 6],
    [0.8, 10, 8],
  ])('given ratio %p of %p, should require %p', (ratio, base, expected) => {
    expect(requiredCount(ratio, base)).toBe(expected);
  });

  it.each([
    [0.28, 25, 7],
    [0.56, 25, 14],
    [9 / 14, 42, 27],
  ])('given ratio %p of %p whose product is not exact in binary, should still require %p', (ratio, base, expected) => {
    expect(ratio * base).not.toBe(expected);
    expect(requiredCount(ratio, base)).toBe(expected);
  });

  it('given an empty base, should require nobody', () => {
    expect(requiredCount(0.8, 0)).toBe(0);
  });

  it('given a zero ratio or a negative base, should never require a negative count', () => {
    expect(requiredCount(0, 6)).toBe(0);
    expect(requiredCount(0.5, -4)).toBe(0);
  });
});
