import type { ChainEvent, ChainState } from '../../shared/approval';
import { instantMs } from './schedule';

/**
 * One step in progress: a private copy of the state that the step edits, and the events it appended. Actions never
 * touch their input; they build the next state here and hand it back whole.
 */
export interface Tx {
  readonly state: ChainState;
  readonly now: string;
  readonly events: ChainEvent[];
  /** Why the step happened, written into incidents it resolves (e.g. an admin's reassignment). */
  cause?: string;
}

/**
 * ChainState is plain JSON by contract, so a JSON round trip is a faithful deep copy; it is also deterministic, which
 * workflow code needs (structuredClone is not available in the workflow sandbox).
 */
function copy(state: ChainState): ChainState {
  return JSON.parse(JSON.stringify(state)) as ChainState;
}

export function begin(state: ChainState, now: string): Tx {
  instantMs(now);
  return { state: copy(state), now, events: [] };
}

export type NewEvent = Omit<ChainEvent, 'seq' | 'at'>;

/** Appends an event to the log; fields left undefined are dropped so that the log reads as it will be stored. */
export function emit(tx: Tx, event: NewEvent): ChainEvent {
  const defined = Object.fromEntries(Object.entries(event).filter(([, value]) => value !== undefined)) as NewEvent;
  const recorded: ChainEvent = { seq: tx.state.log.length + 1, at: tx.now, ...defined };
  tx.state.log.push(recorded);
  tx.events.push(recorded);
  return recorded;
}
