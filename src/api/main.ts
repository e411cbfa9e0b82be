// Tracing first (off unless OTEL_EXPORTER_OTLP_ENDPOINT is set): it patches http and pg as they are first required.
import './tracing-register';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from '../config/config';
import { createApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port, '0.0.0.0');
  // Through the app's JSON logger: start.sh waits for this line in api.log.
  new Logger('Main').log(
    `api: http://127.0.0.1:${config.port}/v1  docs: /docs  metrics: /metrics  health: /v1/health/live, /v1/health/ready`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
