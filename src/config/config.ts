/**
 * Configuration read once from the environment and validated, so that a bad or missing value stops the
 * process at boot with a message naming the variable, not later with a confusing failure.
 */
export interface TemporalConfig {
  address: string;
  namespace: string;
  taskQueue: string;
  tls?: { serverRootCACertPath?: string; clientCertPath: string; clientKeyPath: string };
  apiKey?: string;
}

export interface AppConfig {
  databaseUrl: string;
  temporal: TemporalConfig;
  port: number;
  temporalUiUrl?: string;
  /** Keys ballot-paper ids (see CyclesService.castBallot); set it in production so it survives restarts. */
  ballotSecret?: string;
}

export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env, needs: { port: boolean } = { port: true }): AppConfig {
  const problems: string[] = [];
  const databaseUrl = env.DATABASE_URL ?? '';
  if (!databaseUrl) problems.push('DATABASE_URL is required (postgres://user:password@host:port/database)');
  else if (!/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL must start with postgres:// or postgresql://');

  const address = env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  if (!/^[^\s:]+:\d{1,5}$/.test(address)) problems.push(`TEMPORAL_ADDRESS must be host:port, got "${address}"`);

  const portText = env.PORT ?? '3000';
  const port = Number(portText);
  if (needs.port && (!Number.isInteger(port) || port < 1 || port > 65535))
    problems.push(`PORT must be 1-65535, got "${portText}"`);

  const certPath = env.TEMPORAL_TLS_CERT;
  const keyPath = env.TEMPORAL_TLS_KEY;
  if (Boolean(certPath) !== Boolean(keyPath)) problems.push('TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY must be set together');

  const namespace = env.TEMPORAL_NAMESPACE ?? 'default';
  const taskQueue = env.TEMPORAL_TASK_QUEUE ?? 'thidua-cycles';
  if (!namespace.trim()) problems.push('TEMPORAL_NAMESPACE must not be empty');
  if (!taskQueue.trim()) problems.push('TEMPORAL_TASK_QUEUE must not be empty');

  if (env.BALLOT_SECRET !== undefined && env.BALLOT_SECRET.length > 0 && env.BALLOT_SECRET.length < 32) {
    problems.push('BALLOT_SECRET must be at least 32 characters');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    databaseUrl,
    port,
    temporalUiUrl: env.TEMPORAL_UI_URL,
    ballotSecret: env.BALLOT_SECRET || undefined,
    temporal: {
      address,
      namespace,
      taskQueue,
      apiKey: env.TEMPORAL_API_KEY || undefined,
      tls:
        certPath && keyPath
          ? { clientCertPath: certPath, clientKeyPath: keyPath, serverRootCACertPath: env.TEMPORAL_TLS_CA || undefined }
          : undefined,
    },
  };
}
