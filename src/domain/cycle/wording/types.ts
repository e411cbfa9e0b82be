import type { Actor } from '../../../shared/actors';
import type { CycleState } from '../../../shared/cycle-types';

/** A timeline entry's data (as recorded) and the cycle after it → the sentence people read. */
export type Wording = Record<string, (data: Record<string, unknown>, view: CycleState, actor?: Actor) => string>;

export const nameOf = (view: CycleState, code: unknown): string => view.units.find((u) => u.code === code)?.name ?? String(code);

export const namesOf = (view: CycleState, codes: unknown): string =>
  (Array.isArray(codes) ? codes : []).map((c) => nameOf(view, c)).join(', ');
