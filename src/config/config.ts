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

export interface AuthConfig {
  /** HMAC key of the access tokens (HS256); at least 32 characters. */
  jwtSecret: string;
  issuer: string;
  accessTokenSeconds: number;
  refreshTokenSeconds: number;
  /** Failed logins per username within the lockout window that lock it for the rest of the window. */
  maxFailedLogins: number;
  lockoutSeconds: number;
  /** Login attempts per client address per minute. */
  maxLoginsPerMinutePerIp: number;
}

export interface AppConfig {
  databaseUrl: string;
  temporal: TemporalConfig;
  port: number;
  temporalUiUrl?: string;
  auth: AuthConfig;
  /** Express "trust proxy": which hops' X-Forwarded-For to believe (e.g. "loopback", "10.0.0.0/8", or a hop count). */
  trustProxy?: string | number;
}

export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env, needs: { port: boolean; auth?: boolean } = { port: true }): AppConfig {
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

  const auth = loadAuthConfig(env, (needs.auth ?? needs.port) ? problems : []);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    databaseUrl,
    port,
    temporalUiUrl: env.TEMPORAL_UI_URL,
    auth,
    trustProxy: env.TRUST_PROXY ? (/^\d+$/.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY) : undefined,
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

function loadAuthConfig(env: Env, problems: string[]): AuthConfig {
  const jwtSecret = env.JWT_SECRET ?? '';
  if (jwtSecret.length < 32) problems.push('JWT_SECRET is required: at least 32 characters (e.g. openssl rand -base64 48)');
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const text = env[name];
    if (text === undefined || text === '') return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max)
      problems.push(`${name} must be an integer ${min}-${max}, got "${text}"`);
    return value;
  };
  return {
    jwtSecret,
    issuer: env.JWT_ISSUER || 'thidua',
    accessTokenSeconds: int('ACCESS_TOKEN_SECONDS', 900, 30, 86_400),
    refreshTokenSeconds: int('REFRESH_TOKEN_SECONDS', 8 * 3600, 60, 30 * 86_400),
    maxFailedLogins: int('LOGIN_MAX_FAILURES', 5, 1, 100),
    lockoutSeconds: int('LOGIN_LOCKOUT_SECONDS', 900, 1, 86_400),
    maxLoginsPerMinutePerIp: int('LOGIN_MAX_PER_MINUTE_PER_IP', 30, 1, 10_000),
  };
}
