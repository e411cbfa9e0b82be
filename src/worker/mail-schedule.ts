import { Client, Connection, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import type { TemporalConfig } from '../config/config';
import { temporalConnectionOptions } from '../config/temporal-connection';

/** The daily digest's schedule of a task queue; created once, by whichever worker boots first. */
export const digestScheduleId = (taskQueue: string) => `mail-digest.${taskQueue}`;

/** Runs mailDigestWorkflow every day at 07:00 Vietnam time (00:00 UTC; Vietnam keeps no daylight saving). */
export async function ensureDigestSchedule(temporal: TemporalConfig): Promise<'created' | 'exists'> {
  const connection = await Connection.connect(temporalConnectionOptions(temporal));
  try {
    const client = new Client({ connection, namespace: temporal.namespace });
    await client.schedule.create({
      scheduleId: digestScheduleId(temporal.taskQueue),
      spec: { calendars: [{ hour: 0, minute: 0 }] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
      action: {
        type: 'startWorkflow',
        workflowType: 'mailDigestWorkflow',
        workflowId: `mail-digest.${temporal.taskQueue}`,
        taskQueue: temporal.taskQueue,
        // A day's digest left without a worker ends instead of waiting for one forever (the next day's takes over).
        workflowRunTimeout: '12 hours',
        args: [],
      },
    });
    return 'created';
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) return 'exists';
    throw err;
  } finally {
    await connection.close();
  }
}
