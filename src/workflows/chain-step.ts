import { type CancellationScope, executeChild, isCancellation } from '@temporalio/workflow';
import type { ApprovalChainInput, ChainState, ItemOutcome, ItemState } from '../shared/approval';
import { approvalChainWorkflow } from './approval-chain.workflow';

/**
 * One step of a cycle run as an approval chain: the chain is a child workflow (its own history, timers and inbox
 * projection); the step waits for it and reads each item's outcome.
 */
export function runStepChain(input: ApprovalChainInput): Promise<ChainState> {
  return executeChild(approvalChainWorkflow, { workflowId: input.chainId, args: [input] });
}

/**
 * The same, for a step that may end without its chain: cancelling `scope` cancels the chain, which withdraws its open
 * items and finishes as cancelled; undefined is returned then.
 */
export async function runCancellableStepChain(
  input: ApprovalChainInput,
  scope: CancellationScope,
): Promise<ChainState | undefined> {
  try {
    return await scope.run(() => runStepChain(input));
  } catch (err) {
    if (isCancellation(err)) return undefined;
    throw err;
  }
}

/** How an item left the chain: its status and the last settlement (who, at which level, why). */
export function itemResult(state: ChainState, itemId: string): { item: ItemState; last?: ItemOutcome } {
  const item = state.items[itemId];
  return { item, last: item.outcomes[item.outcomes.length - 1] };
}

/** The first approval of an item in its last round at a level: e.g. the unit head's, before the Trưởng khối's. */
export function approvalAt(state: ChainState, itemId: string, levelIndex: number): ItemOutcome | undefined {
  const item = state.items[itemId];
  const code = state.definition.levels[levelIndex]?.code;
  return item.outcomes.find((o) => o.levelCode === code && o.round === item.round && o.decision === 'APPROVE');
}
