import { computeQuorum } from '../../src/domain/quorum';

describe('computeQuorum', () => {
  describe('given a 6-unit bloc and a 2/3 quorum', () => {
    it('when 4 units attend, should be met with 4 required', () => {
      expect(computeQuorum(4, 6, 2 / 3)).toEqual({ required: 4, present: 4, base: 6, ratio: 2 / 3, met: true });
    });

    it('when 3 units attend, should not be met', () => {
      const quorum = computeQuorum(3, 6, 2 / 3);
      expect(quorum.required).toBe(4);
      expect(quorum.met).toBe(false);
    });

    it('when all 6 attend, should be met', () => {
      expect(computeQuorum(6, 6, 2 / 3).met).toBe(true);
    });
  });

  it('given a 10-member council and an 80% session, when 7 attend, should not be met; when 8 attend, should be', () => {
    expect(computeQuorum(7, 10, 0.8)).toMatchObject({ required: 8, met: false });
    expect(computeQuorum(8, 10, 0.8)).toMatchObject({ required: 8, met: true });
  });

  it('given a base of zero, should never be met, even though nobody is required', () => {
    expect(computeQuorum(0, 0, 2 / 3)).toEqual({ required: 0, present: 0, base: 0, ratio: 2 / 3, met: false });
  });
});
