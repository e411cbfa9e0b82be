/**
 * The API's seal on every command it sends a workflow (issue 11): Temporal's own clients (the Web UI, the CLI) can
 * send updates and starts too, and a workflow must only believe an actor the API vouched for. The API adds `seal`
 * to the command; its payload codec (src/config/command-codec.ts) MACs the serialised command with a key Temporal does
 * not hold, and the worker's codec sets `seal.verified` from that MAC, outside the workflow sandbox. The workflow then
 * checks that the seal was made for this workflow, this update and this moment.
 */
export interface CommandSeal {
  workflowId: string;
  /** The update's name, or `start:<workflowType>` for a workflow start. */
  name: string;
  /** The update id the API sent it under (absent on a start). */
  updateId?: string;
  /** ISO instant after which the seal is refused. */
  expiresAt: string;
  /** Set by the receiving side's codec only: true when the MAC verified. Whatever the sender wrote is overwritten. */
  verified?: boolean;
}

/** How long a sealed command may take to reach its workflow. */
export const SEAL_LIFETIME_MS = 5 * 60_000;

export const startSealName = (workflowType: string): string => `start:${workflowType}`;

export interface SealExpectation {
  workflowId: string;
  name: string;
  /** Checked when given (updates); a start has no update id. */
  updateId?: string;
  /**
   * Checked when given (updates, whose validators run once and which the API re-seals on every retry). A start is
   * not: its first workflow task may run long after the start if no worker polls, and its id already binds it.
   */
  nowMs?: number;
}

/** Why a command's seal is not good for this workflow, update and moment; undefined when it is. */
export function sealProblem(seal: unknown, expected: SealExpectation): string | undefined {
  if (!seal || typeof seal !== 'object') return 'the command carries no seal';
  const s = seal as Partial<CommandSeal>;
  if (s.verified !== true) return 'the seal does not verify against the signing key';
  if (s.workflowId !== expected.workflowId) return `the seal is for workflow ${String(s.workflowId)}, not ${expected.workflowId}`;
  if (s.name !== expected.name) return `the seal is for ${String(s.name)}, not ${expected.name}`;
  if (expected.updateId !== undefined && s.updateId !== expected.updateId)
    return `the seal is for update id ${String(s.updateId)}, not ${expected.updateId}`;
  const expires = typeof s.expiresAt === 'string' ? Date.parse(s.expiresAt) : NaN;
  if (!Number.isFinite(expires)) return 'the seal has no expiry';
  if (expected.nowMs !== undefined && expires < expected.nowMs) return `the seal expired at ${s.expiresAt}`;
  return undefined;
}

/** A command without its seal: what handlers, state and the read model see. */
export function unsealed<T>(command: T): T {
  if (!command || typeof command !== 'object' || !('seal' in command)) return command;
  const { seal: _seal, ...rest } = command as T & { seal?: unknown };
  return rest as T;
}

/** A refused unsigned command, as the worker records it in security_events (outside the workflow history). */
export interface RefusedCommand {
  kind: 'UNSIGNED_COMMAND';
  workflowId: string;
  name: string;
  updateId?: string;
  /** The actor the command claimed, as sent. */
  claimedActor?: unknown;
  reason: string;
}

/** The seal the API puts on a command it sends (the codec adds the MAC; the receiving codec sets `verified`). */
export function sealFor(workflowId: string, name: string, nowMs: number, updateId?: string): CommandSeal {
  return {
    workflowId,
    name,
    ...(updateId !== undefined ? { updateId } : {}),
    expiresAt: new Date(nowMs + SEAL_LIFETIME_MS).toISOString(),
  };
}
