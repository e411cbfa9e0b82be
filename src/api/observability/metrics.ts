import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { PHASES } from '../../shared/cycle-types';
import { routeOf } from './logging';

/** Where Prometheus scrapes; outside /v1 (no version, no user token) like /docs. */
export const METRICS_PATH = '/metrics';

/** The domain query runs at each scrape; a slow database must not hold the scrape (it reports up=0 instead). */
const DOMAIN_QUERY_TIMEOUT_MS = 2000;

export interface ApiMetrics {
  registry: Registry;
  /** Counts every answered request by method, route template and status. */
  middleware: (req: Request, res: Response, next: NextFunction) => void;
  /** GET /metrics: the Prometheus text format. */
  handler: (req: Request, res: Response, next: NextFunction) => void;
}

/** Static files of the web app have no Express route; one label for all of them keeps the series few. */
function routeLabel(req: Request): string {
  const route = routeOf(req);
  if (route) return route;
  if (req.path === METRICS_PATH) return METRICS_PATH;
  if (req.path.startsWith('/app')) return '/app/*';
  if (req.path.startsWith('/docs')) return '/docs/*';
  return 'unmatched';
}

function within<T>(ms: number, run: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    run,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * One registry per application (the tests run several in one process): process metrics, HTTP counts and latency,
 * and the gauges a board watches, read from the read model at scrape time with two grouped counts.
 */
export function createApiMetrics(dataSource: DataSource, options: { token?: string } = {}): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'thidua_api_' });
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'thidua_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'thidua_http_request_duration_seconds',
    help: 'HTTP request duration in seconds, by method, route template and status',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const domainUp = new Gauge({
    name: 'thidua_domain_metrics_up',
    help: '1 when the domain gauges below were read at this scrape, 0 when the database did not answer',
    registers: [registry],
  });
  const openTasks = new Gauge({
    name: 'thidua_open_tasks',
    help: 'Open approval tasks (the inbox rows), by province',
    labelNames: ['province'],
    registers: [registry],
  });
  const overdueTasks = new Gauge({
    name: 'thidua_overdue_tasks',
    help: 'Open approval tasks past their due time, by province',
    labelNames: ['province'],
    registers: [registry],
  });
  const cycles = new Gauge({
    name: 'thidua_cycles',
    help: 'Cycles by province and phase (COMPLETED included)',
    labelNames: ['province', 'phase'],
    registers: [registry],
  });

  async function readDomain(): Promise<void> {
    openTasks.reset();
    overdueTasks.reset();
    cycles.reset();
    try {
      const [tasks, phases] = await within(
        DOMAIN_QUERY_TIMEOUT_MS,
        Promise.all([
          dataSource.query<{ province: string; open: number; overdue: number }[]>(
            `SELECT province_code AS province, count(*)::int AS open,
                    count(*) FILTER (WHERE due_at IS NOT NULL AND due_at < now())::int AS overdue
               FROM approval_tasks GROUP BY province_code`,
          ),
          dataSource.query<{ province: string; phase: string; n: number }[]>(
            `SELECT province_code AS province, phase, count(*)::int AS n FROM cycles GROUP BY province_code, phase`,
          ),
        ]),
      );
      for (const t of tasks) {
        openTasks.set({ province: t.province }, t.open);
        overdueTasks.set({ province: t.province }, t.overdue);
      }
      // Every phase of a province with cycles has a series (0 included), so a rule on "no cycle in X" can fire.
      for (const province of new Set(phases.map((p) => p.province))) {
        for (const phase of PHASES) cycles.set({ province, phase }, 0);
      }
      for (const p of phases) cycles.set({ province: p.province, phase: p.phase }, p.n);
      domainUp.set(1);
    } catch {
      domainUp.set(0);
    }
  }

  const expected = options.token ? Buffer.from(`Bearer ${options.token}`) : undefined;
  const authorised = (req: Request): boolean => {
    if (!expected) return true;
    const given = Buffer.from(req.headers.authorization ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  return {
    registry,
    middleware: function countRequests(req, res, next) {
      const stop = duration.startTimer();
      res.once('finish', () => {
        const labels = { method: req.method, route: routeLabel(req), status: String(res.statusCode) };
        requests.inc(labels);
        stop(labels);
      });
      next();
    },
    handler: function serveMetrics(req, res, next) {
      if (req.path !== METRICS_PATH || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
      if (!authorised(req)) {
        res.status(401).setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
        res.type('text/plain; charset=utf-8').send('metrics: bearer token required (METRICS_TOKEN)\n');
        return;
      }
      readDomain()
        .then(() => registry.metrics())
        .then((text) => {
          res.setHeader('Cache-Control', 'no-store');
          res.type(registry.contentType).send(text);
        })
        .catch(next);
    },
  };
}
