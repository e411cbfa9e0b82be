import 'reflect-metadata';
import { loadConfig } from '../config/config';
import { createApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port, '0.0.0.0');
  console.log(`api: http://127.0.0.1:${config.port}/v1  docs: http://127.0.0.1:${config.port}/docs`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
