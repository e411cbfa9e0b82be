// There is no Docker engine on the build machines, so docker-compose.yml is kept correct by checking its
// structure: services, images, ports, environment wiring, dependencies and healthchecks.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

interface ComposeService {
  image?: string;
  build?: string | { context?: string };
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: Array<string | number | { target?: number; published?: number | string }>;
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  deploy?: { replicas?: number };
  volumes?: Array<string | { source?: string; target?: string }>;
  restart?: string;
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const COMPOSE_PATH = path.resolve(__dirname, '../../docker-compose.yml');
const APP_SERVICES = ['api', 'worker'] as const;
/** What the api and the worker both need, with the same value (the worker verifies the api's command seals). */
const SHARED_APP_ENV = [
  'DATABASE_URL',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'TEMPORAL_TASK_QUEUE',
  'COMMAND_SIGNING_KEY',
  'COMMAND_SIGNING_KEYS_PREVIOUS',
  'TEMPORAL_TLS_CERT',
  'TEMPORAL_TLS_KEY',
  'TEMPORAL_TLS_CA',
];
/** What each process refuses to start without (src/config/config.ts). */
const REQUIRED_APP_ENV: Record<(typeof APP_SERVICES)[number], string[]> = {
  api: ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TEMPORAL_TASK_QUEUE', 'JWT_SECRET', 'COMMAND_SIGNING_KEY'],
  worker: ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TEMPORAL_TASK_QUEUE', 'COMMAND_SIGNING_KEY'],
};

function loadCompose(): ComposeFile {
  const document = parse(readFileSync(COMPOSE_PATH, 'utf8')) as ComposeFile;
  if (!document || typeof document.services !== 'object') {
    throw new Error(`${COMPOSE_PATH} has no services`);
  }
  return document;
}

function service(compose: ComposeFile, name: string): ComposeService {
  const found = compose.services[name];
  if (!found) {
    throw new Error(`service "${name}" is missing from docker-compose.yml`);
  }
  return found;
}

/** Environment as a map, whichever of the two forms (map or KEY=VALUE list) the file uses. */
function environmentOf(definition: ComposeService): Record<string, string> {
  const environment = definition.environment ?? {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(
      environment.map((entry) => {
        const separator = entry.indexOf('=');
        return separator === -1 ? [entry, ''] : [entry.slice(0, separator), entry.slice(separator + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, value === null ? '' : String(value)]));
}

/** Dependencies with their condition; the short list form means `service_started`. */
function dependenciesOf(definition: ComposeService): Record<string, string> {
  const dependsOn = definition.depends_on ?? {};
  if (Array.isArray(dependsOn)) {
    return Object.fromEntries(dependsOn.map((name) => [name, 'service_started']));
  }
  return Object.fromEntries(Object.entries(dependsOn).map(([name, options]) => [name, options?.condition ?? 'service_started']));
}

/** Port mappings as "published:target" strings, without a host IP or protocol. */
function portMappingsOf(definition: ComposeService): string[] {
  return (definition.ports ?? []).map((port) => {
    if (typeof port === 'object') {
      return `${port.published ?? ''}:${port.target ?? ''}`;
    }
    const withoutProtocol = String(port).split('/')[0];
    const parts = withoutProtocol.split(':');
    return parts.length === 1 ? `${parts[0]}:${parts[0]}` : parts.slice(-2).join(':');
  });
}

function healthcheckCommand(definition: ComposeService): string {
  const test = definition.healthcheck?.test;
  if (definition.healthcheck?.disable || test === undefined) {
    return '';
  }
  const parts = Array.isArray(test) ? test : ['CMD-SHELL', test];
  if (parts[0] === 'NONE') {
    return '';
  }
  return parts.slice(parts[0] === 'CMD' || parts[0] === 'CMD-SHELL' ? 1 : 0).join(' ');
}

function commandOf(definition: ComposeService): string {
  const { command } = definition;
  return Array.isArray(command) ? command.join(' ') : (command ?? '');
}

/** Splits a "host:port" address. */
function parseServiceAddress(address: string): { host: string; port: number } {
  const match = /^([A-Za-z0-9._-]+):(\d+)$/.exec(address);
  if (!match) {
    throw new Error(`"${address}" is not a host:port address`);
  }
  return { host: match[1], port: Number(match[2]) };
}

describe('docker-compose.yml', () => {
  const compose = loadCompose();

  describe('given the service list', () => {
    it('when parsed, should define the databases, Temporal, its UI, the migration job, the api and the worker', () => {
      expect(Object.keys(compose.services)).toEqual(
        expect.arrayContaining([
          'postgres',
          'temporal-postgres',
          'temporal',
          'temporal-search-attributes',
          'temporal-ui',
          'migrate',
          'api',
          'worker',
        ]),
      );
    });
  });

  describe('given the infrastructure images', () => {
    it('when reading the image tags, should pin PostgreSQL 16 and the Temporal versions the dev CLI also runs', () => {
      expect(service(compose, 'postgres').image).toBe('postgres:16');
      expect(service(compose, 'temporal-postgres').image).toBe('postgres:16');
      expect(service(compose, 'temporal').image).toBe('temporalio/auto-setup:1.29.1');
      expect(service(compose, 'temporal-search-attributes').image).toBe('temporalio/auto-setup:1.29.1');
      expect(service(compose, 'temporal-ui').image).toBe('temporalio/ui:2.42.1');
    });

    it('when reading the application services, should build them from the repository Dockerfile', () => {
      for (const name of ['migrate', 'api', 'worker']) {
        const { build } = service(compose, name);
        const context = typeof build === 'string' ? build : build?.context;
        expect({ name, context }).toEqual({ name, context: '.' });
      }
    });

    it('when reading the application commands, should run the compiled entrypoints', () => {
      expect(commandOf(service(compose, 'migrate'))).toBe('node dist/src/db/run-migrations.js');
      expect(commandOf(service(compose, 'api'))).toBe('node dist/src/api/main.js');
      expect(commandOf(service(compose, 'worker'))).toBe('node dist/src/worker/main.js');
    });
  });

  describe('given the published ports', () => {
    it('when mapping host to container ports, should expose the api on 3000, Temporal on 7233 and the UI on 8233', () => {
      expect(portMappingsOf(service(compose, 'api'))).toEqual(['3000:3000']);
      expect(portMappingsOf(service(compose, 'temporal'))).toEqual(['7233:7233']);
      expect(portMappingsOf(service(compose, 'temporal-ui'))).toEqual(['8233:8080']);
    });

    it('when publishing any port but the api, should bind it to the host loopback only (Temporal and its UI are internal)', () => {
      const published = Object.entries(compose.services).flatMap(([name, definition]) =>
        name === 'api'
          ? []
          : (definition.ports ?? []).map((port) => ({
              name,
              port: String(typeof port === 'object' ? JSON.stringify(port) : port),
            })),
      );
      expect(published.map((p) => p.name).sort()).toEqual(['temporal', 'temporal-ui']);
      for (const entry of published)
        expect(entry).toEqual({ name: entry.name, port: expect.stringMatching(/^127\.0\.0\.1:\d+:\d+$/) });
    });

    it('when the worker is scaled, should publish no host port that replicas would compete for', () => {
      expect(portMappingsOf(service(compose, 'worker'))).toEqual([]);
    });
  });

  describe.each(APP_SERVICES)('given the %s service environment', (name) => {
    const environment = environmentOf(service(compose, name));

    it('when the app starts, should have every variable it requires set', () => {
      const missing = REQUIRED_APP_ENV[name].filter((key) => (environment[key] ?? '').trim() === '');
      expect(missing).toEqual([]);
    });

    it('when a secret is missing from the host environment, should refuse to start rather than run without it', () => {
      for (const key of REQUIRED_APP_ENV[name].filter((k) => /SECRET|KEY/.test(k))) {
        expect({ key, value: environment[key] }).toEqual({ key, value: expect.stringMatching(new RegExp(`^\\$\\{${key}:\\?`)) });
      }
    });

    it('when connecting to the database, should reach the postgres service with its credentials', () => {
      const url = new URL(environment.DATABASE_URL);
      const database = environmentOf(service(compose, 'postgres'));
      expect(url.protocol).toBe('postgres:');
      expect(url.hostname).toBe('postgres');
      expect(url.port).toBe('5432');
      expect(url.username).toBe(database.POSTGRES_USER);
      expect(url.password).toBe(database.POSTGRES_PASSWORD);
      expect(url.pathname).toBe(`/${database.POSTGRES_DB}`);
    });

    it('when connecting to Temporal, should reach the temporal service on its gRPC port', () => {
      const address = parseServiceAddress(environment.TEMPORAL_ADDRESS);
      expect(address).toEqual({ host: 'temporal', port: 7233 });
      expect(portMappingsOf(service(compose, address.host)).map((mapping) => mapping.split(':')[1])).toContain(
        String(address.port),
      );
    });

    it('when choosing where workflows run, should use the default namespace and the thidua-cycles task queue', () => {
      expect(environment.TEMPORAL_NAMESPACE).toBe('default');
      expect(environment.TEMPORAL_TASK_QUEUE).toBe('thidua-cycles');
    });
  });

  describe('given the api and the worker together', () => {
    it('when both talk to the same backends, should share the database, Temporal address, namespace and task queue', () => {
      const api = environmentOf(service(compose, 'api'));
      const worker = environmentOf(service(compose, 'worker'));
      for (const key of SHARED_APP_ENV) {
        expect({ key, worker: worker[key] }).toEqual({ key, worker: api[key] });
      }
    });

    it('when the migration job runs, should migrate the database the api uses', () => {
      expect(environmentOf(service(compose, 'migrate')).DATABASE_URL).toBe(environmentOf(service(compose, 'api')).DATABASE_URL);
    });

    it('when the api listens, should use the port it publishes and checks its health on', () => {
      const api = service(compose, 'api');
      const port = environmentOf(api).PORT;
      expect(port).toBe('3000');
      expect(portMappingsOf(api).map((mapping) => mapping.split(':')[1])).toContain(port);
      expect(healthcheckCommand(api)).toContain(`http://localhost:${port}/v1/health/ready`);
    });
  });

  describe('given the Temporal services', () => {
    it('when Temporal starts, should persist to the temporal-postgres service with its credentials', () => {
      const temporal = environmentOf(service(compose, 'temporal'));
      const database = environmentOf(service(compose, 'temporal-postgres'));
      expect(temporal.DB).toBe('postgres12');
      expect(temporal.POSTGRES_SEEDS).toBe('temporal-postgres');
      expect(temporal.DB_PORT).toBe('5432');
      expect(temporal.POSTGRES_USER).toBe(database.POSTGRES_USER);
      expect(temporal.POSTGRES_PWD).toBe(database.POSTGRES_PASSWORD);
    });

    it('when compared with the process topology (scripts/temporal-server.sh), should run the same server version, databases and shards', () => {
      const scripts = path.resolve(__dirname, '../../scripts');
      const lib = readFileSync(path.join(scripts, 'lib/temporal-server.sh'), 'utf8');
      const script = readFileSync(path.join(scripts, 'temporal-server.sh'), 'utf8');
      const version = /^THIDUA_TEMPORAL_SERVER_VERSION="([^"]+)"$/m.exec(lib)?.[1];
      const scriptDefault = (variable: string) => new RegExp(`\\$\\{${variable}:-([^}]+)\\}`).exec(script)?.[1];
      const temporal = service(compose, 'temporal');
      const env = environmentOf(temporal);
      expect(temporal.image).toBe(`temporalio/auto-setup:${version}`);
      expect(env.DBNAME).toBe(scriptDefault('TEMPORAL_PG_DATABASE'));
      expect(env.VISIBILITY_DBNAME).toBe(scriptDefault('TEMPORAL_PG_VISIBILITY_DATABASE'));
      expect(env.NUM_HISTORY_SHARDS).toBe(scriptDefault('TEMPORAL_HISTORY_SHARDS'));
    });

    it('when the UI runs, should have write actions off and its SSO variables wired (off unless configured)', () => {
      const ui = environmentOf(service(compose, 'temporal-ui'));
      expect(ui.TEMPORAL_DISABLE_WRITE_ACTIONS).toBe('true');
      expect(ui.TEMPORAL_AUTH_ENABLED).toBe('${TEMPORAL_UI_AUTH_ENABLED:-false}');
      for (const key of [
        'TEMPORAL_AUTH_PROVIDER_URL',
        'TEMPORAL_AUTH_CLIENT_ID',
        'TEMPORAL_AUTH_CLIENT_SECRET',
        'TEMPORAL_AUTH_CALLBACK_URL',
      ]) {
        expect(Object.keys(ui)).toContain(key);
      }
    });

    it('when the UI and the search-attribute job connect, should point at the temporal service', () => {
      expect(environmentOf(service(compose, 'temporal-ui')).TEMPORAL_ADDRESS).toBe('temporal:7233');
      const job = service(compose, 'temporal-search-attributes');
      expect(environmentOf(job).TEMPORAL_ADDRESS).toBe('temporal:7233');
      expect(environmentOf(job).TEMPORAL_NAMESPACE).toBe(environmentOf(service(compose, 'api')).TEMPORAL_NAMESPACE);
    });

    it('when registering search attributes, should run the repository script the dev server uses', () => {
      const job = service(compose, 'temporal-search-attributes');
      const entrypoint = Array.isArray(job.entrypoint) ? job.entrypoint.join(' ') : (job.entrypoint ?? '');
      expect(entrypoint).toContain('/thidua/scripts/temporal-ensure-search-attributes.sh');
      expect(job.volumes).toContain('./scripts:/thidua/scripts:ro');
      expect(job.restart).toBe('no');
    });
  });

  describe('given the start-up order', () => {
    it('when Temporal starts, should wait for a healthy temporal-postgres', () => {
      expect(dependenciesOf(service(compose, 'temporal'))).toEqual({ 'temporal-postgres': 'service_healthy' });
    });

    it('when the UI and the search-attribute job start, should wait for a healthy Temporal', () => {
      expect(dependenciesOf(service(compose, 'temporal-ui'))).toEqual({ temporal: 'service_healthy' });
      expect(dependenciesOf(service(compose, 'temporal-search-attributes'))).toEqual({
        temporal: 'service_healthy',
      });
    });

    it('when the migration job starts, should wait for a healthy postgres and run only once', () => {
      expect(dependenciesOf(service(compose, 'migrate'))).toEqual({ postgres: 'service_healthy' });
      expect(service(compose, 'migrate').restart).toBe('no');
    });

    it.each(APP_SERVICES)(
      'when %s starts, should wait for healthy databases and Temporal, migrations and search attributes',
      (name) => {
        expect(dependenciesOf(service(compose, name))).toEqual({
          postgres: 'service_healthy',
          temporal: 'service_healthy',
          migrate: 'service_completed_successfully',
          'temporal-search-attributes': 'service_completed_successfully',
        });
      },
    );

    it('when any service waits for a healthy dependency, should find that service and its healthcheck', () => {
      const problems: string[] = [];
      for (const [name, definition] of Object.entries(compose.services)) {
        for (const [dependency, condition] of Object.entries(dependenciesOf(definition))) {
          const target = compose.services[dependency];
          if (!target) {
            problems.push(`${name} depends on the unknown service ${dependency}`);
          } else if (condition === 'service_healthy' && healthcheckCommand(target) === '') {
            problems.push(`${name} waits for ${dependency} to be healthy, which has no healthcheck`);
          }
        }
      }
      expect(problems).toEqual([]);
    });
  });

  describe('given the healthchecks', () => {
    it('when the databases are probed, should use pg_isready', () => {
      expect(healthcheckCommand(service(compose, 'postgres'))).toMatch(/^pg_isready\b/);
      expect(healthcheckCommand(service(compose, 'temporal-postgres'))).toMatch(/^pg_isready\b/);
    });

    it('when Temporal is probed, should ask the cluster for its health at the service address', () => {
      const command = healthcheckCommand(service(compose, 'temporal'));
      expect(command).toContain('temporal operator cluster health');
      expect(command).toContain('--address temporal:7233');
    });

    it('when the api is probed, should call its health endpoint', () => {
      expect(healthcheckCommand(service(compose, 'api'))).toContain('/v1/health/ready');
    });
  });

  describe('given the worker deployment', () => {
    it('when deployed, should run at least two replicas to show that workers scale out', () => {
      expect(service(compose, 'worker').deploy?.replicas).toBeGreaterThanOrEqual(2);
    });
  });

  describe('given the database volumes', () => {
    it('when the containers are recreated, should keep both databases on named volumes', () => {
      expect(service(compose, 'postgres').volumes).toContain('app-postgres-data:/var/lib/postgresql/data');
      expect(service(compose, 'temporal-postgres').volumes).toContain('temporal-postgres-data:/var/lib/postgresql/data');
      expect(Object.keys(compose.volumes ?? {})).toEqual(expect.arrayContaining(['app-postgres-data', 'temporal-postgres-data']));
    });
  });
});
