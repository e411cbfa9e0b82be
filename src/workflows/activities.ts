import { proxyActivities } from '@temporalio/workflow';
import type { ProjectionActivities } from '../activities/projection.activities';

/** Read-model writes are idempotent upserts, so retrying them until PostgreSQL answers is safe. */
export const projection = proxyActivities<ProjectionActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', backoffCoefficient: 2 },
});
