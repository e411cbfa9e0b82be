/** A minimal workflow for test/integration/unprocessed-updates.spec.ts: every update runs one local activity. */
import {
  allHandlersFinished,
  condition,
  defineQuery,
  defineUpdate,
  proxyLocalActivities,
  setHandler,
} from '@temporalio/workflow';

const { project } = proxyLocalActivities<{ project(n: number): Promise<number> }>({ startToCloseTimeout: '10s' });

export const countUpdate = defineUpdate<number, [string]>('count');
export const countedQuery = defineQuery<string[]>('counted');

export async function localActivityUpdatesWorkflow(expected: number): Promise<string[]> {
  const counted: string[] = [];
  setHandler(countUpdate, async (who: string) => {
    counted.push(who);
    const n = counted.length;
    await project(n);
    return n;
  });
  setHandler(countedQuery, () => counted);
  await condition(() => counted.length >= expected && allHandlersFinished());
  return counted;
}
