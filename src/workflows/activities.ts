import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { ProjectionActivities } from '../activities/projection.activities';
import type { RoundHandoffActivities } from '../activities/round-projection';

/**
 * Read-model writes are idempotent upserts, so retrying them until PostgreSQL answers is safe. A projection is one
 * short transaction that never heartbeats: the heartbeat timeout only fails an attempt that runs longer than it
 * (milliseconds normally; a lock held that long only means a harmless retry), and it detects a dead worker's
 * attempt in 5 s instead of the 30 s start-to-close.
 */
export const projection = proxyActivities<ProjectionActivities>({
  startToCloseTimeout: '30 seconds',
  heartbeatTimeout: '5 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', backoffCoefficient: 2 },
});

/**
 * The cycle's projection as a local activity: the update that waits on it answers without a round trip through the
 * server's activity queue. Retried by the worker until PostgreSQL answers; a worker that dies mid-attempt loses its
 * workflow task, and the next worker's replay runs it again (idempotent: the version guard and ON CONFLICT).
 */
export const localProjection = proxyLocalActivities<ProjectionActivities>({
  startToCloseTimeout: '10 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '10 seconds', backoffCoefficient: 2 },
});

/** The province round's reads of the read model (the cycle's handoff; never a signal's payload). Short reads, retried. */
export const roundReads = proxyActivities<RoundHandoffActivities>({
  startToCloseTimeout: '30 seconds',
  heartbeatTimeout: '5 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', backoffCoefficient: 2 },
});
