import type { UpdateDefinition } from '@temporalio/common';
import type { WorkflowHandle } from '@temporalio/client';
import { ErrorCode } from '../../shared/errors';
import { DomainException } from './domain.exception';

export const DEFAULT_UPDATE_WAIT_SECONDS = 10;
const TIMED_OUT = Symbol('timed out');

/**
 * Runs a workflow update, waiting at most `waitSeconds` for its result. When the workflow does not answer in time
 * (no worker polls, or it is slow), the caller gets 202 REQUEST_IN_PROGRESS with the request id: re-sending the
 * same request with that x-request-id later reuses the update id, so Temporal answers with the first request's
 * result instead of deciding twice. The gRPC deadline ends the abandoned call shortly after the answer.
 */
export async function executeUpdateWithin<Ret, Cmd>(
  handle: WorkflowHandle,
  def: UpdateDefinition<Ret, [Cmd]>,
  args: [Cmd],
  updateId: string,
  requestId: string,
  waitSeconds: number = DEFAULT_UPDATE_WAIT_SECONDS,
): Promise<Ret> {
  const waitMs = waitSeconds * 1000;
  const update = handle.client.connection.withDeadline(Date.now() + waitMs + 2000, () =>
    handle.executeUpdate(def, { args, updateId }),
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
