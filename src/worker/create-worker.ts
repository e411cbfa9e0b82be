import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createApprovalActivities } from '../activities/approval.activities';
import { createProjectionActivities } from '../activities/projection.activities';
import { createRoundHandoffActivities } from '../activities/round-projection';
import { CommandSealCodec, type CommandSigningKeys } from '../config/command-codec';
import { securitySinks } from './security-sink';

export interface CreateWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  dataSource: DataSource;
  /** The API's command-signing keys: the worker's codec verifies every sealed command with them. */
  commandSigning: CommandSigningKeys;
  /** A prebuilt bundle (tests bundle once per file); otherwise the worker bundles `workflowsPath`. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  identity?: string;
}

export const WORKFLOWS_PATH = require.resolve('../workflows');

export function createWorker(options: CreateWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...(options.identity ? { identity: options.identity } : {}),
    activities: {
      ...createProjectionActivities(options.dataSource),
      ...createApprovalActivities(options.dataSource),
      ...createRoundHandoffActivities(options.dataSource),
    },
    dataConverter: { payloadCodecs: [new CommandSealCodec(options.commandSigning)] },
    sinks: securitySinks(options.dataSource),
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
  });
}
