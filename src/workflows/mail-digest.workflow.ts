import { proxyActivities } from '@temporalio/workflow';
import type { MailActivities } from '../activities/mail.activities';

const { composeDigests } = proxyActivities<MailActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes', backoffCoefficient: 2 },
});

/** Run once a day by the `mail-digest.<task queue>` schedule the worker keeps (07:00 Vietnam time). */
export async function mailDigestWorkflow(): Promise<{ digests: number }> {
  return composeDigests({ at: new Date().toISOString() });
}
