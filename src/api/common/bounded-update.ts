import type { UpdateDefinition } from '@temporalio/common';
import type { WorkflowHandle } from '@temporalio/client';
import { ErrorCode } from '../../shared/errors';
import { DomainException } from './domain.exception';

export const DEFAULT_UPDATE_WAIT_SECONDS = 10;

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
  const inProgress = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new DomainException(
            ErrorCode.REQUEST_IN_PROGRESS,
            `no answer from the workflow within ${waitSeconds} s; re-send the request with x-request-id: ${requestId}`,
            { requestId, retryAfterSeconds: 2 },
          ),
        ),
      waitMs,
    );
  });
  try {
    return await Promise.race([update, inProgress]);
  } finally {
    clearTimeout(timer);
    // The abandoned call's late failure (its deadline) was answered by the 202 already.
    update.catch(() => undefined);
  }
}
