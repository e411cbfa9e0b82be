import type { ChainState, ItemState, PersonRef } from '../../shared/approval';
import { ErrorCode } from '../../shared/errors';
import { fail, PASS, type Check } from '../outcome';

/** The person deciding: an Actor from the request or an Assignment from the state both fit. */
export interface Decider {
  userId: string;
  unitCode?: string;
  /** Other units the person serves through a unit role in force (Actor.otherUnits): recused from each as well. */
  otherUnits?: readonly string[];
}

const describe = (person: Decider, who: Decider): string =>
  who === person ? `user ${person.userId}` : `user ${person.userId} acting for ${who.userId}`;

function recusalReason(item: ItemState, who: Decider): string | undefined {
  if (item.subjectUserId !== undefined && who.userId === item.subjectUserId) return `is the subject of item ${item.itemId}`;
  const subject = item.subjectUnitCode;
  if (subject !== undefined && (who.unitCode === subject || (who.otherUnits ?? []).includes(subject))) {
    return `belongs to unit ${item.subjectUnitCode}, the subject of item ${item.itemId}`;
  }
  return undefined;
}

/**
 * Separation of duties, the one check every decision path uses (and the inbox and incident detection too).
 *
 * Four eyes (nguyên tắc bốn mắt): whoever submitted the chain, or a delegate acting for them, may not approve, reject
 * or return any of it. Recusal (tránh xung đột lợi ích): a person who is an item's subject, or belongs to its subject
 * unit, may not decide or vote on that item. For a delegate both the delegate and the holder they act for are checked,
 * and the delegate with every unit they serve, not only the one of the role they act in.
 */
export function checkSeparationOfDuties(
  actor: Decider,
  state: ChainState,
  itemIds: readonly string[],
  actingFor?: PersonRef,
): Check {
  const people: Decider[] = actingFor ? [actor, actingFor] : [actor];
  for (const who of people) {
    if (who.userId === state.submittedBy.userId) {
      return fail(ErrorCode.FOUR_EYES, `${describe(actor, who)}: ${who.userId} submitted this chain`);
    }
  }
  for (const itemId of itemIds) {
    const item = state.items[itemId];
    if (!item) continue;
    for (const who of people) {
      const reason = recusalReason(item, who);
      if (reason) return fail(ErrorCode.RECUSED, `${describe(actor, who)}: ${who.userId} ${reason}`);
    }
  }
  return PASS;
}
