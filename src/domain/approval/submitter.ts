/** What the submitter does (withdraw, resubmit) and what any participant does (comment, attach evidence). */
import type { Actor } from '../../shared/actors';
import {
  type ApprovalRefusal,
  type ApprovalResult,
  type AttachEvidenceCommand,
  type ChainState,
  type CommentCommand,
  type ItemState,
  ItemStatus,
  type PersonRef,
  type ResubmitCommand,
  type WithdrawCommand,
} from '../../shared/approval';
import { ErrorCode } from '../../shared/errors';
import { alreadyDecided, itemsNamed } from './decisions';
import {
  isBlank,
  isOpenItem,
  isTerminal,
  liveVotes,
  nameOf,
  openAssignments,
  orderedItems,
  personOf,
  refuse,
  SYSTEM,
  winnerOf,
} from './queries';
import { commit } from './settle';
import { begin, emit } from './tx';

function checkSubmitter(state: ChainState, actor: Actor): ApprovalRefusal | undefined {
  if (actor.userId === state.submittedBy.userId) return undefined;
  return refuse(ErrorCode.NOT_SUBMITTER, `only ${state.submittedBy.userId}, who submitted chain ${state.chainId}, may do this`);
}

/** The submitter, or the person behind one of the actor's open tasks; undefined for anyone else. */
function participant(state: ChainState, actor: Actor): PersonRef | undefined {
  if (actor.userId === state.submittedBy.userId) return state.submittedBy;
  const task = state.levels.flatMap(openAssignments).find((a) => a.userId === actor.userId);
  return task ? personOf(task) : undefined;
}

const trimmed = (text: string | undefined): string | undefined => (isBlank(text) ? undefined : text?.trim());

/**
 * Withdrawal is allowed "before the next level acts": while the item's current level has no vote on it in this round
 * (votes of any assignee count, even of a task reassigned since), or while it awaits resubmission.
 */
function withdrawRefusal(state: ChainState, item: ItemState): ApprovalRefusal | undefined {
  const last = item.outcomes.at(-1);
  if (isTerminal(item)) {
    return last ? alreadyDecided(item, last) : refuse(ErrorCode.WRONG_STATE, `item ${item.itemId} is ${item.status}`);
  }
  if (item.status === ItemStatus.RETURNED) return undefined;
  const first = liveVotes(state, item)[0];
  if (!first) return undefined;
  return refuse(
    ErrorCode.WITHDRAW_TOO_LATE,
    `level ${first.levelCode} has acted on item ${item.itemId}: ${first.decision} by ${first.userId} at ${first.at}`,
    { itemId: item.itemId, messageVi: `Không thể rút "${item.title}": ${nameOf(first)} đã cho ý kiến.` },
  );
}

export function withdraw(state: ChainState, command: WithdrawCommand, now: string): ApprovalResult {
  const notSubmitter = checkSubmitter(state, command.actor);
  if (notSubmitter) return notSubmitter;
  const items = itemsNamed(state, command.itemIds);
  if ('ok' in items) return items;
  for (const item of items) {
    const refusal = withdrawRefusal(state, item);
    if (refusal) return refusal;
  }
  const tx = begin(state, now);
  const reason = trimmed(command.reason);
  for (const { itemId } of items) {
    const item = tx.state.items[itemId];
    const levelCode = tx.state.definition.levels[item.levelIndex].code;
    item.outcomes.push({
      ...winnerOf(tx.state.submittedBy, 'WITHDRAW', now, levelCode),
      round: item.round,
      ...(reason ? { reason } : {}),
    });
    item.status = ItemStatus.WITHDRAWN;
    item.closedAt = now;
    emit(tx, { type: 'ITEM_WITHDRAWN', actor: tx.state.submittedBy, itemIds: [itemId], levelCode, round: item.round, reason });
  }
  return commit(tx);
}

/**
 * A returned item comes back at level 0 in the round its return opened. The return cap is enforced when returning
 * (the return beyond maxReturnRounds closes the item), so any RETURNED item may be resubmitted.
 */
export function resubmit(state: ChainState, command: ResubmitCommand, now: string): ApprovalResult {
  const notSubmitter = checkSubmitter(state, command.actor);
  if (notSubmitter) return notSubmitter;
  const items = itemsNamed(state, command.itemIds);
  if ('ok' in items) return items;
  const closed = items.find((item) => item.status === ItemStatus.RETURNED && item.closedAt !== undefined);
  if (closed) {
    return refuse(
      ErrorCode.WRONG_STATE,
      `item ${closed.itemId} went back to the step that submitted chain ${state.chainId}: resubmit there, which opens a new chain`,
      { itemId: closed.itemId },
    );
  }
  const notReturned = items.find((item) => item.status !== ItemStatus.RETURNED);
  if (notReturned) {
    return refuse(ErrorCode.WRONG_STATE, `item ${notReturned.itemId} is ${notReturned.status}, not RETURNED`, {
      itemId: notReturned.itemId,
    });
  }
  const tx = begin(state, now);
  for (const { itemId } of items) {
    const item = tx.state.items[itemId];
    item.status = ItemStatus.PENDING;
    item.levelIndex = 0;
    item.enteredLevelAt = now;
    emit(tx, {
      type: 'ITEM_RESUBMITTED',
      actor: tx.state.submittedBy,
      itemIds: [itemId],
      levelCode: tx.state.definition.levels[0].code,
      round: item.round,
      text: trimmed(command.note),
    });
  }
  return commit(tx);
}

function optionalItems(state: ChainState, itemIds: string[] | undefined): ApprovalRefusal | undefined {
  if (itemIds === undefined || itemIds.length === 0) return undefined;
  const items = itemsNamed(state, itemIds);
  return 'ok' in items ? items : undefined;
}

/** Any assignee (open task at any level) or the submitter may comment, on the chain or on some items. */
export function comment(state: ChainState, command: CommentCommand, now: string): ApprovalResult {
  const author = participant(state, command.actor);
  if (!author) {
    return refuse(ErrorCode.NOT_ASSIGNED, `user ${command.actor.userId} neither submitted nor holds a task in this chain`);
  }
  if (isBlank(command.text)) return refuse(ErrorCode.VALIDATION_FAILED, 'text is required');
  const badItems = optionalItems(state, command.itemIds);
  if (badItems) return badItems;
  const tx = begin(state, now);
  emit(tx, { type: 'COMMENTED', actor: personOf(author), itemIds: command.itemIds, text: command.text.trim() });
  return commit(tx);
}

/** References to evidence kept elsewhere (document store, link); the chain keeps the list and who added what. */
export function attachEvidence(state: ChainState, command: AttachEvidenceCommand, now: string): ApprovalResult {
  const author = participant(state, command.actor);
  if (!author) {
    return refuse(ErrorCode.NOT_ASSIGNED, `user ${command.actor.userId} neither submitted nor holds a task in this chain`);
  }
  const references = Array.isArray(command.references) ? command.references : [];
  if (references.length === 0) return refuse(ErrorCode.VALIDATION_FAILED, 'references must list at least one reference');
  const bad = references.findIndex((r) => isBlank(r?.title) || isBlank(r?.url));
  if (bad >= 0) return refuse(ErrorCode.VALIDATION_FAILED, `references[${bad}] needs a title and a url`);
  const badItems = optionalItems(state, command.itemIds);
  if (badItems) return badItems;
  const tx = begin(state, now);
  const clean = references.map((r) => ({ title: r.title.trim(), url: r.url.trim() }));
  const event = emit(tx, { type: 'EVIDENCE_ATTACHED', actor: personOf(author), itemIds: command.itemIds, references: clean });
  for (const reference of clean) {
    tx.state.evidence.push({
      ...reference,
      seq: event.seq,
      ...(command.itemIds?.length ? { itemIds: command.itemIds } : {}),
      addedBy: author.userId,
      at: now,
    });
  }
  return commit(tx);
}

/**
 * The step the chain serves ended without it (e.g. the self-assessment period closed): every open item is withdrawn by
 * the system with the reason, so that no task stays in anyone's inbox. A no-op on a complete chain.
 */
export function cancelChain(state: ChainState, reason: string, now: string): ApprovalResult {
  const open = orderedItems(state).filter(isOpenItem);
  if (open.length === 0) return { ok: true, state, events: [] };
  const why = trimmed(reason) ?? 'the step this chain served ended';
  const tx = begin(state, now);
  tx.cause = `chain cancelled: ${why}`;
  for (const { itemId } of open) {
    const item = tx.state.items[itemId];
    const levelCode = tx.state.definition.levels[item.levelIndex].code;
    item.outcomes.push({ ...winnerOf(SYSTEM, 'WITHDRAW', now, levelCode), round: item.round, reason: why });
    item.status = ItemStatus.WITHDRAWN;
    item.closedAt = now;
    emit(tx, { type: 'ITEM_WITHDRAWN', actor: SYSTEM, itemIds: [itemId], levelCode, round: item.round, reason: why });
  }
  return commit(tx);
}
