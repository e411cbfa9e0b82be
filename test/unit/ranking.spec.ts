import { rankUnits } from '../../src/domain/ranking';

describe('rankUnits', () => {
  it('given distinct totals, should rank highest first from 1', () => {
    const ranked = rankUnits([
      { unitCode: 'MTTQ', total: 88 },
      { unitCode: 'HLHPN', total: 97.5 },
      { unitCode: 'LDLD', total: 92 },
    ]);
    expect(ranked).toEqual([
      { unitCode: 'HLHPN', total: 97.5, rank: 1 },
      { unitCode: 'LDLD', total: 92, rank: 2 },
      { unitCode: 'MTTQ', total: 88, rank: 3 },
    ]);
  });

  it('given a tie for second, should share the rank and skip the next one (1, 2, 2, 4)', () => {
    const ranked = rankUnits([
      { unitCode: 'D', total: 80 },
      { unitCode: 'C', total: 90 },
      { unitCode: 'A', total: 95 },
      { unitCode: 'B', total: 90 },
    ]);
    expect(ranked.map((r) => [r.unitCode, r.rank])).toEqual([
      ['A', 1],
      ['B', 2],
      ['C', 2],
      ['D', 4],
    ]);
  });

  it('given a three-way tie at the top, should rank all three first and the next fourth', () => {
    const ranked = rankUnits([
      { unitCode: 'Z', total: 70 },
      { unitCode: 'Y', total: 90 },
      { unitCode: 'X', total: 90 },
      { unitCode: 'W', total: 90 },
    ]);
    expect(ranked.map((r) => r.rank)).toEqual([1, 1, 1, 4]);
    expect(ranked.map((r) => r.unitCode)).toEqual(['W', 'X', 'Y', 'Z']);
  });

  it('given tied units listed in different orders, should produce the same order', () => {
    const one = rankUnits([
      { unitCode: 'HND', total: 90 },
      { unitCode: 'DTN', total: 90 },
    ]);
    const other = rankUnits([
      { unitCode: 'DTN', total: 90 },
      { unitCode: 'HND', total: 90 },
    ]);
    expect(one).toEqual(other);
    expect(one.map((r) => r.unitCode)).toEqual(['DTN', 'HND']);
  });

  it('given entries, should not reorder the caller’s array', () => {
    const entries = [
      { unitCode: 'B', total: 1 },
      { unitCode: 'A', total: 2 },
    ];
    rankUnits(entries);
    expect(entries.map((e) => e.unitCode)).toEqual(['B', 'A']);
  });

  it('given no entries, should return an empty ranking', () => {
    expect(rankUnits([])).toEqual([]);
  });
});
