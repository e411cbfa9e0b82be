import type { QuorumResult } from '../shared/cycle-types';
import { requiredCount } from './ratio';

export function computeQuorum(present: number, base: number, ratio: number): QuorumResult {
  const required = requiredCount(ratio, base);
  return { required, present, base, ratio, met: base > 0 && present >= required };
}
