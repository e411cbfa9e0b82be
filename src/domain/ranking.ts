import type { RankedUnit } from '../shared/cycle-types';

/**
 * Standard competition ranking ("1, 2, 2, 4") by total score, highest first. Equal totals share a rank;
 * within a rank the order is by unit code only so that output is stable. The configurable tie cascade
 * (named indicators, then a vote) belongs to the rules engine.
 */
export function rankUnits(entries: readonly { unitCode: string; total: number }[]): RankedUnit[] {
  const sorted = [...entries].sort((a, b) => b.total - a.total || a.unitCode.localeCompare(b.unitCode));
  const ranked: RankedUnit[] = [];
  sorted.forEach((entry, index) => {
    const previous = ranked[index - 1];
    const rank = previous && previous.total === entry.total ? previous.rank : index + 1;
    ranked.push({ unitCode: entry.unitCode, total: entry.total, rank });
  });
  return ranked;
}
