import { ApplicationFailure, currentUpdateInfo, patched, proxySinks, workflowInfo, type Sinks } from '@temporalio/workflow';
import { sealProblem, startSealName, unsealed, type CommandSeal, type RefusedCommand } from '../shared/command-seal';
import { ErrorCode } from '../shared/errors';

export interface SecuritySinks extends Sinks {
  security: { refused(event: RefusedCommand): void };
}

const { security } = proxySinks<SecuritySinks>();

function refuseUnsigned(event: Omit<RefusedCommand, 'kind'>): never {
  security.refused({ kind: 'UNSIGNED_COMMAND', ...event });
  throw ApplicationFailure.create({
    type: ErrorCode.UNSIGNED_COMMAND,
    message: `${event.name} refused: ${event.reason}`,
    nonRetryable: true,
  });
}

/**
 * First check of every update validator: the command must carry the API's verified seal made for this workflow, this
 * update and this update id, and not be stale. Validators do not run on replay, so this needs no patch.
 */
export function requireSealedUpdate(name: string, command: unknown): void {
  const { workflowId } = workflowInfo();
  // currentUpdateInfo() is set while the validator runs (the SDK runs it inside the update's scope).
  const updateId = currentUpdateInfo()?.id ?? '';
  const cmd = (command ?? {}) as { seal?: CommandSeal; actor?: unknown };
  const reason = sealProblem(cmd.seal, { workflowId, name, updateId, nowMs: Date.now() });
  if (reason) refuseUnsigned({ workflowId, name, updateId, claimedActor: cmd.actor, reason });
}

/**
 * A workflow the API starts checks the seal on its input before anything else (old histories replay without the check).
 * A child workflow is started by its parent, which no client can impersonate, so it needs none. Returns the input
 * without its seal.
 */
export function requireSealedStart<T extends { seal?: CommandSeal }>(input: T, claimedActor?: unknown): T {
  const info = workflowInfo();
  if (!info.parent && patched('sealed-start')) {
    const name = startSealName(info.workflowType);
    const reason = sealProblem(input.seal, { workflowId: info.workflowId, name });
    if (reason) refuseUnsigned({ workflowId: info.workflowId, name, claimedActor, reason });
  }
  return unsealed(input);
}

/**
 * Signals carry no seal the worker could check, and anyone who reaches Temporal can send one. The cycle closes a unit's
 * self-assessment only once the deadline has passed (the Trưởng khối's close is refused before it), so a close that
 * arrives earlier did not come from the cycle: it is ignored and recorded. Old histories replay without the check.
 */
export function acceptCloseSignal(deadline: string, changed: (id: string) => boolean = patched): boolean {
  if (!changed('close-signal-after-deadline') || Date.now() >= Date.parse(deadline)) return true;
  security.refused({
    kind: 'UNSIGNED_COMMAND',
    workflowId: workflowInfo().workflowId,
    name: 'signal:closeAssessment',
    reason: `a close before the self-assessment deadline ${deadline} cannot come from the cycle`,
  });
  return false;
}
