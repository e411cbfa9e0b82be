import path from 'node:path';
import type { CommandSigningKeys } from './command-codec';

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
  /** Failed logins of one account from one address before that pair waits (exponential backoff). */
  maxFailedLogins: number;
  /** The first wait of a pair once over maxFailedLogins; it doubles with every further failure. */
  backoffBaseSeconds: number;
  /** The longest wait of a pair (the backoff stops doubling there). */
  lockoutSeconds: number;
  /** Login attempts per client address per minute. */
  maxLoginsPerMinutePerIp: number;
  /**
   * Failures of one account from every address within an hour after which addresses that have not logged in to
   * it lately are slowed to one password check per accountSlowSeconds (addresses that have are never slowed).
   */
  accountSlowAfter: number;
  accountSlowSeconds: number;
  /** How long an address that logged in successfully stays known for that account. */
  knownAddressDays: number;
  /** Absolute lifetime of a session: refreshing past it is refused, however recently the tokens rotated. */
  sessionMaxSeconds: number;
}

/**
 * Rate limits of the expensive routes, per user (per address when anonymous) and per API instance, over a window:
 * `audit` (the chain's verification, a cycle's evidence bundle), `bulk` (bulk approvals, workbook preview, apply
 * and export).
 */
export interface RateLimitConfig {
  windowSeconds: number;
  audit: number;
  bulk: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitConfig = { windowSeconds: 60, audit: 10, bulk: 30 };

export interface AppConfig {
  databaseUrl: string;
  temporal: TemporalConfig;
  port: number;
  temporalUiUrl?: string;
  auth: AuthConfig;
  /** How long a decision waits for its workflow before answering 202 REQUEST_IN_PROGRESS (default 10 s). */
  updateWaitSeconds?: number;
  /** Express "trust proxy": which hops' X-Forwarded-For to believe (e.g. "loopback", "10.0.0.0/8", or a hop count). */
  trustProxy?: string | number;
  /** Seals the API's commands to the workflows (src/config/command-codec.ts); the API and the worker hold the same key. */
  commandSigning: CommandSigningKeys;
  /** When set, GET /metrics wants `Authorization: Bearer <metricsToken>`; unset, /metrics is open (keep it internal). */
  metricsToken?: string;
  /** LOG_LEVEL: fatal, error, warn, info (default), debug, trace or silent. */
  logLevel?: string;
  /** LibreOffice for the documents' PDF (SOFFICE_PATH, PDF_TIMEOUT_SECONDS); defaults in DocumentsService. */
  documents?: { soffice: string; pdfTimeoutMs: number };
  /** Uploaded files (src/files); read from the environment when absent (loadFilesConfig). */
  files?: FilesConfig;
  /** RATE_LIMIT_*; DEFAULT_RATE_LIMITS when absent. */
  rateLimits?: RateLimitConfig;
}

export interface FilesConfig {
  /** FILE_STORE_DIR: the content-addressed store's directory (default .data/files under the working directory). */
  storeDir: string;
  /** FILE_MAX_BYTES: the largest file accepted (default 20 MiB). */
  maxFileBytes: number;
  /** FILE_MAX_DOSSIER_BYTES: the most that one dossier submission may attach, all its files together (default 100 MiB). */
  maxDossierBytes: number;
}

/** The uploads' settings; problems are appended to `problems` (loadConfig) or thrown (the API's own default). */
export function loadFilesConfig(env: Env = process.env, problems?: string[]): FilesConfig {
  const found: string[] = [];
  const bytes = (name: string, fallback: number): number => {
    const text = env[name];
    if (text === undefined || text === '') return fallback;
    const value = Number(text);
    if (!Number.isSafeInteger(value) || value < 1) found.push(`${name} must be a positive whole number of bytes, got "${text}"`);
    return value;
  };
  const files = {
    storeDir: path.resolve(env.FILE_STORE_DIR || path.join('.data', 'files')),
    maxFileBytes: bytes('FILE_MAX_BYTES', 20 * 1024 * 1024),
    maxDossierBytes: bytes('FILE_MAX_DOSSIER_BYTES', 100 * 1024 * 1024),
  };
  if (files.maxDossierBytes < files.maxFileBytes) found.push('FILE_MAX_DOSSIER_BYTES must not be below FILE_MAX_BYTES');
  if (problems) problems.push(...found);
  else if (found.length > 0) throw new ConfigError(found);
  return files;
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

  const waitText = env.UPDATE_WAIT_SECONDS;
  const updateWaitSeconds = waitText ? Number(waitText) : 10;
  if (!Number.isInteger(updateWaitSeconds) || updateWaitSeconds < 1 || updateWaitSeconds > 300)
    problems.push(`UPDATE_WAIT_SECONDS must be an integer 1-300, got "${waitText}"`);
  const pdfTimeoutText = env.PDF_TIMEOUT_SECONDS;
  const pdfTimeoutSeconds = pdfTimeoutText ? Number(pdfTimeoutText) : 60;
  if (!Number.isInteger(pdfTimeoutSeconds) || pdfTimeoutSeconds < 5 || pdfTimeoutSeconds > 600)
    problems.push(`PDF_TIMEOUT_SECONDS must be an integer 5-600, got "${pdfTimeoutText}"`);
  const auth = loadAuthConfig(env, (needs.auth ?? needs.port) ? problems : []);
  const commandSigning = loadCommandSigning(env, problems);
  const files = loadFilesConfig(env, problems);
  const rateLimits = loadRateLimits(env, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    databaseUrl,
    port,
    temporalUiUrl: env.TEMPORAL_UI_URL,
    auth,
    updateWaitSeconds,
    commandSigning,
    rateLimits,
    metricsToken: env.METRICS_TOKEN || undefined,
    logLevel: env.LOG_LEVEL || undefined,
    documents: { soffice: env.SOFFICE_PATH || '/usr/bin/soffice', pdfTimeoutMs: pdfTimeoutSeconds * 1000 },
    files,
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

function loadRateLimits(env: Env, problems: string[]): RateLimitConfig {
  const int = (name: string, fallback: number, max: number): number => {
    const text = env[name];
    if (text === undefined || text === '') return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1 || value > max) problems.push(`${name} must be an integer 1-${max}, got "${text}"`);
    return value;
  };
  return {
    windowSeconds: int('RATE_LIMIT_WINDOW_SECONDS', DEFAULT_RATE_LIMITS.windowSeconds, 86_400),
    audit: int('RATE_LIMIT_AUDIT', DEFAULT_RATE_LIMITS.audit, 1_000_000),
    bulk: int('RATE_LIMIT_BULK', DEFAULT_RATE_LIMITS.bulk, 1_000_000),
  };
}

function loadCommandSigning(env: Env, problems: string[]): CommandSigningKeys {
  const current = env.COMMAND_SIGNING_KEY ?? '';
  if (current.length < 32)
    problems.push(
      'COMMAND_SIGNING_KEY is required by the API and the worker (the same value in both): at least 32 characters (e.g. openssl rand -base64 48)',
    );
  const previous = (env.COMMAND_SIGNING_KEYS_PREVIOUS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k.length > 0);
  if (previous.some((k) => k.length < 32))
    problems.push('COMMAND_SIGNING_KEYS_PREVIOUS: each comma-separated key must be at least 32 characters');
  return { current, previous };
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
    backoffBaseSeconds: int('LOGIN_BACKOFF_BASE_SECONDS', 30, 1, 3600),
    lockoutSeconds: int('LOGIN_LOCKOUT_SECONDS', 900, 1, 86_400),
    maxLoginsPerMinutePerIp: int('LOGIN_MAX_PER_MINUTE_PER_IP', 30, 1, 10_000),
    accountSlowAfter: int('LOGIN_ACCOUNT_SLOW_AFTER', 20, 1, 10_000),
    accountSlowSeconds: int('LOGIN_ACCOUNT_SLOW_SECONDS', 10, 1, 3600),
    knownAddressDays: int('LOGIN_KNOWN_ADDRESS_DAYS', 30, 1, 365),
    sessionMaxSeconds: int('SESSION_MAX_SECONDS', 12 * 3600, 300, 30 * 86_400),
  };
}
