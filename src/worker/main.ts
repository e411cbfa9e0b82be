import 'reflect-metadata';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../config/config';
import { temporalConnectionOptions } from '../config/temporal-connection';
import { createDataSource } from '../db/data-source';
import { createWorker } from './create-worker';
import { keyId } from '../config/command-codec';

/** The worker process: hosts the cycle workflows and the read-model activities. Scale out by running more. */
async function main(): Promise<void> {
  const config = loadConfig(process.env, { port: false });
  const dataSource = createDataSource(config.databaseUrl);
  await dataSource.initialize();
  const connection = await NativeConnection.connect(temporalConnectionOptions(config.temporal));
  const worker = await createWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    dataSource,
    commandSigning: config.commandSigning,
  });
  console.log(
    `worker: polling task queue ${config.temporal.taskQueue} on ${config.temporal.address}/${config.temporal.namespace}` +
      ` (command signing key ${keyId(config.commandSigning.current)}, ${config.commandSigning.previous?.length ?? 0} previous)`,
  );
  try {
    // Worker.run() installs SIGINT/SIGTERM handlers that drain in-flight tasks before resolving.
    await worker.run();
  } finally {
    await connection.close();
    await dataSource.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
