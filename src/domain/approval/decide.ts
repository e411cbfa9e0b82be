import type {
  ApprovalCommand,
  ApprovalResult,
  BulkItemResult,
  BulkResult,
  ChainEvent,
  ChainState,
  DecisionCommand,
  ResubmitCommand,
  WithdrawCommand,
} from '../../shared/approval';
import { decideItems } from './decisions';
import { reassign } from './reassign';
import { attachEvidence, comment, resubmit, withdraw } from './submitter';

/** One command against the chain: the workflow's single entry point for people's actions (and its update validator). */
export function decide(state: ChainState, command: ApprovalCommand, now: string): ApprovalResult {
  switch (command.type) {
    case 'APPROVE':
    case 'REJECT':
    case 'RETURN':
      return decideItems(state, command, now);
    case 'WITHDRAW':
      return withdraw(state, command, now);
    case 'RESUBMIT':
      return resubmit(state, command, now);
    case 'COMMENT':
      return comment(state, command, now);
    case 'ATTACH_EVIDENCE':
      return attachEvidence(state, command, now);
    case 'REASSIGN':
      return reassign(state, command, now);
    default:
      return assertNever(command);
  }
}

function assertNever(command: never): never {
  throw new Error(`unknown approval command: ${JSON.stringify(command)}`);
}

type PerItemCommand = DecisionCommand | WithdrawCommand | ResubmitCommand;

const isPerItem = (command: ApprovalCommand): command is PerItemCommand =>
  ['APPROVE', 'REJECT', 'RETURN', 'WITHDRAW', 'RESUBMIT'].includes(command.type) &&
  Array.isArray((command as PerItemCommand).itemIds);

/** Item commands split into one command per item, so that one refused item never blocks the rest. */
function perItem(command: ApprovalCommand): Array<{ itemId?: string; command: ApprovalCommand }> {
  if (!isPerItem(command) || command.itemIds.length === 0) return [{ command }];
  return command.itemIds.map((itemId) => ({ itemId, command: { ...command, itemIds: [itemId] } }));
}

/**
 * Applies commands in order, each item on its own: a refusal is reported in its row and the batch goes on from the
 * state as it stands. Rows follow the commands, then the items within each command.
 */
export function decideBulk(state: ChainState, commands: readonly ApprovalCommand[], now: string): BulkResult {
  let current = state;
  const events: ChainEvent[] = [];
  const results: BulkItemResult[] = [];
  commands.forEach((command, commandIndex) => {
    for (const { itemId, command: single } of perItem(command)) {
      const result = decide(current, single, now);
      const row = itemId === undefined ? { commandIndex } : { commandIndex, itemId };
      if (result.ok) {
        current = result.state;
        events.push(...result.events);
        results.push({ ...row, ok: true });
      } else {
        const { code, detail, winner } = result;
        results.push({ ...row, ok: false, code, detail, ...(winner ? { winner } : {}) });
      }
    }
  });
  return { state: current, events, results };
}
