/** How an item moves once a level has settled it: on to the next level, approved, rejected, returned or escalated. */
import { type ItemState, ItemStatus, type Winner } from '../../shared/approval';
import { personOf, winnerOf } from './queries';
import { tallyItem } from './tally';
import { emit, type Tx } from './tx';

const actorOf = (winner: Winner) => ({
  actor: personOf(winner),
  ...(winner.actingFor === undefined ? {} : { actingFor: winner.actingFor }),
});

function record(item: ItemState, winner: Winner, reason?: string): void {
  item.outcomes.push({ ...winner, round: item.round, ...(reason === undefined ? {} : { reason }) });
}

function close(tx: Tx, item: ItemState, status: ItemStatus): void {
  item.status = status;
  item.closedAt = tx.now;
}

/** Moves a pending item to the next level, or approves it after the last one. */
export function advance(tx: Tx, item: ItemState, winner: Winner): void {
  const levels = tx.state.definition.levels;
  const from = levels[item.levelIndex].code;
  record(item, winner);
  if (item.levelIndex + 1 >= levels.length) {
    close(tx, item, ItemStatus.APPROVED);
    emit(tx, { type: 'ITEM_APPROVED', ...actorOf(winner), itemIds: [item.itemId], levelCode: from, round: item.round });
    return;
  }
  item.levelIndex += 1;
  item.enteredLevelAt = tx.now;
  const to = levels[item.levelIndex].code;
  const how = winner.decision === 'ESCALATE' ? `escalated for lateness to ${to}` : `passed, on to ${to}`;
  emit(tx, { type: 'LEVEL_PASSED', ...actorOf(winner), itemIds: [item.itemId], levelCode: from, round: item.round, detail: how });
}

export function reject(tx: Tx, item: ItemState, winner: Winner, reason?: string): void {
  record(item, winner, reason);
  close(tx, item, ItemStatus.REJECTED);
  emit(tx, {
    type: 'ITEM_REJECTED',
    ...actorOf(winner),
    itemIds: [item.itemId],
    levelCode: winner.levelCode,
    round: item.round,
    reason,
  });
}

/**
 * A return starts the item's next round, awaiting the submitter's resubmission. The return that would exceed
 * maxReturnRounds closes the item instead, rejected or escalated as the chain says; its round does not advance.
 */
export function sendBack(tx: Tx, item: ItemState, winner: Winner, reason: string): void {
  const { maxReturnRounds, afterMaxRounds } = tx.state.definition;
  const base = { ...actorOf(winner), itemIds: [item.itemId], levelCode: winner.levelCode, round: item.round, reason };
  record(item, winner, reason);
  const returns = item.round;
  if (returns > maxReturnRounds) {
    const capped = `return number ${returns} exceeds maxReturnRounds ${maxReturnRounds} (afterMaxRounds ${afterMaxRounds})`;
    close(tx, item, afterMaxRounds === 'REJECT' ? ItemStatus.REJECTED : ItemStatus.ESCALATED);
    emit(tx, { type: afterMaxRounds === 'REJECT' ? 'ITEM_REJECTED' : 'ITEM_ESCALATED', ...base, detail: capped });
    return;
  }
  if (tx.state.returnsEndChain) {
    close(tx, item, ItemStatus.RETURNED);
    emit(tx, {
      type: 'ITEM_RETURNED',
      ...base,
      detail: `back to the submitter's step; its resubmission is round ${item.round + 1}`,
    });
    return;
  }
  item.round += 1;
  item.status = ItemStatus.RETURNED;
  emit(tx, { type: 'ITEM_RETURNED', ...base, detail: `round ${item.round} awaits resubmission` });
}

/** Applies the tally of an item's current level, if it is settled. */
export function settleItem(tx: Tx, item: ItemState): void {
  if (item.status !== ItemStatus.PENDING) return;
  const tally = tallyItem(tx.state, item);
  if (tally.result === 'OPEN') return;
  const { decisive } = tally;
  const winner = winnerOf(decisive, decisive.decision, decisive.at, decisive.levelCode);
  if (tally.result === 'PASS') advance(tx, item, winner);
  else reject(tx, item, winner, decisive.reason);
}
