/** Smallest whole count that reaches `ratio` of `base`; tolerant of binary fractions such as 2/3. */
export function requiredCount(ratio: number, base: number): number {
  return Math.max(0, Math.ceil(ratio * base - 1e-9));
}
