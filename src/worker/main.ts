// Tracing first (off unless OTEL_EXPORTER_OTLP_ENDPOINT is set): it patches pg before the data source requires it.
import './tracing-register';
import 'reflect-metadata';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { createLogger, logLevel } from '../api/observability/logging';
import { loadConfig } from '../config/config';
import { temporalConnectionOptions } from '../config/temporal-connection';
import { createDataSource } from '../db/data-source';
import { createWorker, prebuiltWorkflowBundle } from './create-worker';
import { keyId } from '../config/command-codec';
import { PinoTemporalLogger } from './logger';
import { ConfigError } from '../config/config';
import { loadMailConfig } from '../config/mail-config';
import { loadWorkerTuning } from '../config/worker-tuning';
import { MailSender } from './mail-sender';
import { ensureDigestSchedule } from './mail-schedule';
import { currentTracing } from '../api/observability/tracing';

const logger = createLogger({ name: 'worker', level: logLevel() });

/** The worker process: hosts the cycle workflows and the read-model activities. Scale out by running more. */
async function main(): Promise<void> {
  const config = loadConfig(process.env, { port: false });
  const problems: string[] = [];
  const mail = loadMailConfig(process.env, problems);
  const tuning = loadWorkerTuning(process.env, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  // Before any connection: the SDK's, the workflows' and the activities' logs, and the native core's (forwarded,
  // warnings and worse), all as JSON lines through one pino logger.
  // WORKER_METRICS_ADDRESS (host:port): the SDK's own Prometheus exporter (task latencies, slots, polls) on /metrics.
  const metricsAddress = process.env.WORKER_METRICS_ADDRESS || undefined;
  Runtime.install({
    logger: new PinoTemporalLogger(logger),
    telemetryOptions: {
      logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} },
      ...(metricsAddress
        ? { metrics: { prometheus: { bindAddress: metricsAddress, countersTotalSuffix: true, useSecondsForDurations: true } } }
        : {}),
    },
  });
  const dataSource = createDataSource(config.databaseUrl);
  await dataSource.initialize();
  const connection = await NativeConnection.connect(temporalConnectionOptions(config.temporal));
  // Traced, the bundle must hold the tracing interceptors: only then does the worker bundle at its start.
  const workflowBundle = currentTracing()?.temporal ? undefined : prebuiltWorkflowBundle();
  const worker = await createWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    dataSource,
    commandSigning: config.commandSigning,
    tracing: currentTracing(),
    tuning,
    ...(workflowBundle ? { workflowBundle } : {}),
  });
  logger.info(
    `worker: polling task queue ${config.temporal.taskQueue} on ${config.temporal.address}/${config.temporal.namespace}` +
      ` (command signing key ${keyId(config.commandSigning.current)}, ${config.commandSigning.previous?.length ?? 0} previous)` +
      ` (cache ${tuning.maxCachedWorkflows} runs, ${tuning.maxConcurrentWorkflowTaskExecutions} workflow tasks at once;` +
      ` workflows ${workflowBundle ? `prebuilt in ${workflowBundle.codePath}` : 'bundled at start'})` +
      (metricsAddress ? `; metrics on http://${metricsAddress}/metrics` : ''),
  );
  // The outbox is filled by the projections whatever happens here; without SMTP settings nothing delivers it.
  const sender = mail ? new MailSender(dataSource, mail, logger) : undefined;
  if (sender) {
    sender.start();
    logger.info(`worker: mail sender on, links to ${mail?.appBaseUrl}`);
  } else logger.warn('worker: SMTP_URL and SMTP_HOST unset: e-mail is queued in mail_outbox but not sent');
  try {
    logger.info(`worker: daily digest schedule ${await ensureDigestSchedule(config.temporal)}`);
  } catch (err) {
    logger.warn({ err }, 'worker: could not create the daily digest schedule (another worker will, at its boot)');
  }
  try {
    // Worker.run() installs SIGINT/SIGTERM handlers that drain in-flight tasks before resolving.
    await worker.run();
  } finally {
    await sender?.stop();
    await connection.close();
    await dataSource.destroy();
    await currentTracing()?.shutdown();
  }
}

main().catch((err: unknown) => {
  logger.fatal({ err }, err instanceof Error ? err.message : String(err));
  logger.flush();
  process.exit(1);
});
