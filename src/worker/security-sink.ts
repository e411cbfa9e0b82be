import type { InjectedSinks } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import type { RefusedCommand } from '../shared/command-seal';
import type { SecuritySinks } from '../workflows/sealed';

/**
 * Records a refused unsigned command outside the workflow history. A sink runs in the worker after the activation (a
 * validator's call included) and before its completion is sent, so the row exists by the time the sender sees the refusal.
 */
export function securitySinks(dataSource: DataSource): InjectedSinks<SecuritySinks> {
  return {
    security: {
      refused: {
        fn: async (_info, event: RefusedCommand) => {
          console.warn(
            `security: refused ${event.kind} ${event.name} on ${event.workflowId} (claimed actor ${JSON.stringify(event.claimedActor ?? null)}): ${event.reason}`,
          );
          await dataSource.query(
            `INSERT INTO security_events (kind, workflow_id, update_name, update_id, claimed_actor, reason) VALUES ($1, $2, $3, $4, $5, $6)`,
            [
              event.kind,
              event.workflowId.slice(0, 300),
              event.name.slice(0, 200),
              event.updateId?.slice(0, 300) ?? null,
              event.claimedActor === undefined ? null : JSON.stringify(event.claimedActor),
              event.reason,
            ],
          );
        },
        callDuringReplay: false,
      },
    },
  };
}
