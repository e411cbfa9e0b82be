import path from 'node:path';
import { ConfigError, DEFAULT_RATE_LIMITS, loadConfig } from '../../src/config/config';
import { CYCLE_TASK_QUEUE_DEFAULT } from '../../src/shared/ids';
import { loadWorkerTuning, WORKER_TUNING_DEFAULTS } from '../../src/config/worker-tuning';

const SECRET = 'k'.repeat(40);
const SIGNING_KEY = 's'.repeat(40);
const VALID = {
  DATABASE_URL: 'postgres://thidua:secret@db.internal:5432/thidua',
  JWT_SECRET: SECRET,
  COMMAND_SIGNING_KEY: SIGNING_KEY,
};
const DEFAULT_AUTH = {
  jwtSecret: SECRET,
  issuer: 'thidua',
  accessTokenSeconds: 900,
  refreshTokenSeconds: 28_800,
  maxFailedLogins: 5,
  backoffBaseSeconds: 30,
  lockoutSeconds: 900,
  maxLoginsPerMinutePerIp: 30,
  accountSlowAfter: 20,
  accountSlowSeconds: 10,
  knownAddressDays: 30,
  sessionMaxSeconds: 43_200,
};

function problemsOf(env: Record<string, string | undefined>, needs?: { port: boolean }): string {
  try {
    loadConfig(env, needs);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected loadConfig to refuse the environment');
}

describe('loadConfig', () => {
  it('given only DATABASE_URL, should fill the documented defaults', () => {
    expect(loadConfig(VALID)).toEqual({
      databaseUrl: VALID.DATABASE_URL,
      port: 3000,
      temporalUiUrl: undefined,
      trustProxy: undefined,
      auth: DEFAULT_AUTH,
      updateWaitSeconds: 10,
      commandSigning: { current: SIGNING_KEY, previous: [] },
      documents: { soffice: '/usr/bin/soffice', pdfTimeoutMs: 60_000 },
      files: { storeDir: path.resolve('.data/files'), maxFileBytes: 20 * 1024 * 1024, maxDossierBytes: 100 * 1024 * 1024 },
      rateLimits: DEFAULT_RATE_LIMITS,
      temporal: {
        address: '127.0.0.1:7233',
        namespace: 'default',
        taskQueue: CYCLE_TASK_QUEUE_DEFAULT,
        apiKey: undefined,
        tls: undefined,
      },
    });
  });

  it('given every variable, should read each of them', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://u:p@h:5433/d',
      TEMPORAL_ADDRESS: 'temporal.example:7233',
      TEMPORAL_NAMESPACE: 'thidua-prod',
      TEMPORAL_TASK_QUEUE: 'cycles-v2',
      TEMPORAL_API_KEY: 'key',
      TEMPORAL_TLS_CERT: '/certs/client.pem',
      TEMPORAL_TLS_KEY: '/certs/client.key',
      TEMPORAL_TLS_CA: '/certs/ca.pem',
      TEMPORAL_UI_URL: 'https://temporal-ui.example',
      PORT: '8080',
      JWT_SECRET: SECRET,
      JWT_ISSUER: 'thidua-bk',
      ACCESS_TOKEN_SECONDS: '300',
      REFRESH_TOKEN_SECONDS: '3600',
      LOGIN_MAX_FAILURES: '3',
      LOGIN_LOCKOUT_SECONDS: '600',
      LOGIN_MAX_PER_MINUTE_PER_IP: '10',
      LOGIN_BACKOFF_BASE_SECONDS: '5',
      LOGIN_ACCOUNT_SLOW_AFTER: '50',
      LOGIN_ACCOUNT_SLOW_SECONDS: '20',
      LOGIN_KNOWN_ADDRESS_DAYS: '7',
      SESSION_MAX_SECONDS: '7200',
      UPDATE_WAIT_SECONDS: '15',
      TRUST_PROXY: '1',
      COMMAND_SIGNING_KEY: SIGNING_KEY,
      COMMAND_SIGNING_KEYS_PREVIOUS: ` ${'p'.repeat(32)} ,${'q'.repeat(40)}`,
      SOFFICE_PATH: '/opt/libreoffice/program/soffice',
      PDF_TIMEOUT_SECONDS: '90',
      FILE_STORE_DIR: '/srv/thidua/files',
      FILE_MAX_BYTES: '1000',
      FILE_MAX_DOSSIER_BYTES: '5000',
      RATE_LIMIT_WINDOW_SECONDS: '120',
      RATE_LIMIT_AUDIT: '4',
      RATE_LIMIT_BULK: '50',
    });
    expect(config).toEqual({
      databaseUrl: 'postgresql://u:p@h:5433/d',
      port: 8080,
      temporalUiUrl: 'https://temporal-ui.example',
      trustProxy: 1,
      auth: {
        jwtSecret: SECRET,
        issuer: 'thidua-bk',
        accessTokenSeconds: 300,
        refreshTokenSeconds: 3600,
        maxFailedLogins: 3,
        backoffBaseSeconds: 5,
        lockoutSeconds: 600,
        maxLoginsPerMinutePerIp: 10,
        accountSlowAfter: 50,
        accountSlowSeconds: 20,
        knownAddressDays: 7,
        sessionMaxSeconds: 7200,
      },
      updateWaitSeconds: 15,
      commandSigning: { current: SIGNING_KEY, previous: ['p'.repeat(32), 'q'.repeat(40)] },
      documents: { soffice: '/opt/libreoffice/program/soffice', pdfTimeoutMs: 90_000 },
      files: { storeDir: '/srv/thidua/files', maxFileBytes: 1000, maxDossierBytes: 5000 },
      rateLimits: { windowSeconds: 120, audit: 4, bulk: 50 },
      temporal: {
        address: 'temporal.example:7233',
        namespace: 'thidua-prod',
        taskQueue: 'cycles-v2',
        apiKey: 'key',
        tls: { clientCertPath: '/certs/client.pem', clientKeyPath: '/certs/client.key', serverRootCACertPath: '/certs/ca.pem' },
      },
    });
  });

  it.each([
    ['DATABASE_URL', { JWT_SECRET: SECRET }],
    ['JWT_SECRET', { DATABASE_URL: VALID.DATABASE_URL }],
    ['JWT_SECRET', { ...VALID, JWT_SECRET: 'short' }],
    ['ACCESS_TOKEN_SECONDS', { ...VALID, ACCESS_TOKEN_SECONDS: '5' }],
    ['LOGIN_MAX_FAILURES', { ...VALID, LOGIN_MAX_FAILURES: 'many' }],
    ['RATE_LIMIT_AUDIT', { ...VALID, RATE_LIMIT_AUDIT: '0' }],
    ['RATE_LIMIT_WINDOW_SECONDS', { ...VALID, RATE_LIMIT_WINDOW_SECONDS: 'a minute' }],
    ['DATABASE_URL', { ...VALID, DATABASE_URL: '' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://u:p@h/d' }],
    ['TEMPORAL_ADDRESS', { ...VALID, TEMPORAL_ADDRESS: 'temporal' }],
    ['TEMPORAL_ADDRESS', { ...VALID, TEMPORAL_ADDRESS: 'http://temporal:7233' }],
    ['PORT', { ...VALID, PORT: '0' }],
    ['PORT', { ...VALID, PORT: '65536' }],
    ['PORT', { ...VALID, PORT: 'abc' }],
    ['PORT', { ...VALID, PORT: '30.5' }],
    ['TEMPORAL_TLS_KEY', { ...VALID, TEMPORAL_TLS_CERT: '/certs/client.pem' }],
    ['TEMPORAL_TLS_CERT', { ...VALID, TEMPORAL_TLS_KEY: '/certs/client.key' }],
    ['TEMPORAL_NAMESPACE', { ...VALID, TEMPORAL_NAMESPACE: '  ' }],
    ['TEMPORAL_TASK_QUEUE', { ...VALID, TEMPORAL_TASK_QUEUE: '' }],
    ['COMMAND_SIGNING_KEY', { DATABASE_URL: VALID.DATABASE_URL, JWT_SECRET: SECRET }],
    ['COMMAND_SIGNING_KEY', { ...VALID, COMMAND_SIGNING_KEY: 'short' }],
    ['COMMAND_SIGNING_KEYS_PREVIOUS', { ...VALID, COMMAND_SIGNING_KEYS_PREVIOUS: `${'p'.repeat(32)},short` }],
    ['FILE_MAX_BYTES', { ...VALID, FILE_MAX_BYTES: '20MB' }],
    ['FILE_MAX_BYTES', { ...VALID, FILE_MAX_BYTES: '0' }],
    ['FILE_MAX_DOSSIER_BYTES', { ...VALID, FILE_MAX_BYTES: '5000', FILE_MAX_DOSSIER_BYTES: '1000' }],
  ])('given a bad or missing value, should refuse naming %s', (variable, env: Record<string, string>) => {
    expect(problemsOf(env)).toContain(variable);
  });

  it('given several problems, should report all of them at once', () => {
    const message = problemsOf({ TEMPORAL_ADDRESS: 'nope', PORT: '-1' });
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('TEMPORAL_ADDRESS');
    expect(message).toContain('PORT');
  });

  it('given a process that listens on no port (the worker), should validate neither PORT nor JWT_SECRET', () => {
    expect(() => loadConfig({ ...VALID, PORT: 'abc' }, { port: false })).not.toThrow();
    const worker = { DATABASE_URL: VALID.DATABASE_URL, COMMAND_SIGNING_KEY: SIGNING_KEY };
    expect(() => loadConfig(worker, { port: false })).not.toThrow();
    expect(problemsOf({ ...VALID, PORT: 'abc' }, { port: true })).toContain('PORT');
  });

  it('given a worker without COMMAND_SIGNING_KEY, should refuse it too (it verifies every command)', () => {
    expect(problemsOf({ DATABASE_URL: VALID.DATABASE_URL }, { port: false })).toContain('COMMAND_SIGNING_KEY');
  });

  it('given an empty API key, should treat it as absent', () => {
    expect(loadConfig({ ...VALID, TEMPORAL_API_KEY: '' }).temporal.apiKey).toBeUndefined();
  });
});

describe('loadWorkerTuning', () => {
  it('defaults to an explicit cache size, whatever the heap limit the process was started with', () => {
    const problems: string[] = [];
    expect(loadWorkerTuning({}, problems)).toEqual(WORKER_TUNING_DEFAULTS);
    expect(loadWorkerTuning({ WORKER_MAX_CACHED_WORKFLOWS: '', WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '' }, problems)).toEqual(
      WORKER_TUNING_DEFAULTS,
    );
    expect(problems).toEqual([]);
  });

  it('takes both from the environment', () => {
    const problems: string[] = [];
    expect(
      loadWorkerTuning({ WORKER_MAX_CACHED_WORKFLOWS: '1600', WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '20' }, problems),
    ).toEqual({ maxCachedWorkflows: 1600, maxConcurrentWorkflowTaskExecutions: 20 });
    expect(problems).toEqual([]);
  });

  it('names each bad value, and more concurrent tasks than cached runs', () => {
    const problems: string[] = [];
    loadWorkerTuning({ WORKER_MAX_CACHED_WORKFLOWS: '1.5', WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '0' }, problems);
    expect(problems).toEqual([
      'WORKER_MAX_CACHED_WORKFLOWS must be an integer 2-100000, got "1.5"',
      'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS must be an integer 2-1000, got "0"',
    ]);
    const tooMany: string[] = [];
    loadWorkerTuning({ WORKER_MAX_CACHED_WORKFLOWS: '10', WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '40' }, tooMany);
    expect(tooMany).toEqual(['WORKER_MAX_CONCURRENT_WORKFLOW_TASKS must not exceed WORKER_MAX_CACHED_WORKFLOWS']);
  });
});
