import type { UpdateDefinition } from '@temporalio/common';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ErrorCode } from '../../shared/errors';
import { DomainException } from './domain.exception';
import { currentPreferredWait } from './prefer-wait';

export const DEFAULT_UPDATE_WAIT_SECONDS = 10;
const TIMED_OUT = Symbol('timed out');

/**
 * Runs a workflow update, waiting at most `waitSeconds` for its result, or as long as the request asked with
 * `Prefer: wait=…` (1–25 s). When the workflow does not answer in time (no worker polls, or it is slow), the caller
 * gets 202 REQUEST_IN_PROGRESS with the request id: re-sending the same request with that x-request-id later reuses the
 * update id, so Temporal answers with the first request's result instead of deciding twice. The gRPC deadline ends the
 * abandoned call shortly after the answer.
 */
export async function executeUpdateWithin<Ret, Cmd>(
  handle: WorkflowHandle,
  def: UpdateDefinition<Ret, [Cmd]>,
  args: [Cmd],
  updateId: string,
  requestId: string,
  configuredSeconds: number = DEFAULT_UPDATE_WAIT_SECONDS,
): Promise<Ret> {
  const waitSeconds = currentPreferredWait() ?? configuredSeconds;
  const waitMs = waitSeconds * 1000;
  const until = Date.now() + waitMs;
  const update = handle.client.connection.withDeadline(until + 2000, () =>
    resendUnprocessed(until, () => handle.executeUpdate(def, { args, updateId })),
  );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), waitMs);
  });
  try {
    const first = await Promise.race([update, timeout]);
    if (first !== TIMED_OUT) return first;
  } finally {
    clearTimeout(timer);
    // The abandoned call's late failure (its deadline) is answered below already.
    update.catch(() => undefined);
  }
  // No answer in time: either Temporal itself is unreachable (503, the SDK was still retrying the call), or it is
  // up and the workflow has not answered yet (202). Either way re-sending with the same request id is safe.
  const reachable = await handle.client.connection
    .withDeadline(Date.now() + 1000, () => handle.client.workflowService.getSystemInfo({}))
    .then(
      () => true,
      () => false,
    );
  if (!reachable) {
    throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, `Temporal is not reachable; retry with x-request-id: ${requestId}`, {
      requestId,
      retryAfterSeconds: 5,
    });
  }
  throw new DomainException(
    ErrorCode.REQUEST_IN_PROGRESS,
    `no answer from the workflow within ${waitSeconds} s; re-send the request with x-request-id: ${requestId}`,
    { requestId, retryAfterSeconds: 2 },
  );
}

/**
 * The server's own refusal of an update it handed to the worker in a workflow task that the worker completed without
 * answering it: with updates arriving while an update handler's local activity (the projection) holds the workflow
 * task open, SDK core 1.24 sometimes drops the update's message ("unprocessed protocol messages"). The update was
 * neither accepted nor recorded, so it is sent again under the same update id (a repeat of an accepted one is answered
 * from the first); any other failure is the workflow's answer.
 */
export const UNPROCESSED_UPDATE = /wasn't processed by worker/;

export function isUnprocessedUpdate(err: unknown): boolean {
  return err instanceof WorkflowUpdateFailedError && err.cause instanceof Error && UNPROCESSED_UPDATE.test(err.cause.message);
}

let resent = 0;
/** How many updates this process sent again after the server refused them as unprocessed (tests read it). */
export const unprocessedResends = (): number => resent;

/** Re-sends, until `until`, an update the server refused as unprocessed by the worker (see isUnprocessedUpdate). */
export async function resendUnprocessed<T>(until: number, send: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (err) {
      if (!isUnprocessedUpdate(err) || Date.now() >= until) throw err;
      resent++;
      // A short pause, growing: the workflow task that dropped it has to finish first.
      await new Promise((resolve) => setTimeout(resolve, Math.min(20 * attempt, 200)));
    }
  }
}
