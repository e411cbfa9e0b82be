import type { CycleState, TimelineEvent } from '../../../shared/cycle-types';
import { conferenceWording } from './conference';
import { stepsWording } from './steps';
import type { Wording } from './types';

const WORDING: Wording = { ...stepsWording, ...conferenceWording };

/** Every type of entry the cycle records (each has a sentence). */
export const CYCLE_ENTRY_TYPES: readonly string[] = Object.keys(WORDING);

/**
 * The Vietnamese sentence of a timeline entry, written by the read side from the entry's data and the cycle as it
 * stood after it (unit names, year, bloc). The workflow records data only.
 */
export function renderCycleEvent(event: Pick<TimelineEvent, 'type' | 'data' | 'actor'>, view: CycleState): string {
  const write = WORDING[event.type];
  if (!write) throw new Error(`no wording for cycle event ${event.type}`);
  return write(event.data ?? {}, view, event.actor).normalize('NFC');
}
