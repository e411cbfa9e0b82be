import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { bundleWorkflows, createHarness, type Harness } from './support/harness';
import { freePort, REPO_ROOT, startProcess, waitFor, type Proc } from './support/processes';
import { CRITERIA, S1Driver } from './support/s1-scenario';
import { as } from './support/actors';

const API_ENTRY = path.join(REPO_ROOT, 'dist/src/api/main.js');
const WORKER_ENTRY = path.join(REPO_ROOT, 'dist/src/worker/main.js');

interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Record<string, unknown>;
}

interface OtlpJson {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value: { stringValue?: string } }[] };
    scopeSpans?: {
      spans?: {
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        attributes?: { key: string; value: Record<string, unknown> }[];
      }[];
    }[];
  }[];
}

/** A collector in the test process: the OTLP/HTTP (JSON) trace receiver both processes export to. */
function startCollector(spans: ReceivedSpan[]): Promise<Server> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      if (req.url === '/v1/traces') {
        const doc = JSON.parse(body) as OtlpJson;
        for (const rs of doc.resourceSpans ?? []) {
          const service = rs.resource?.attributes?.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
          for (const ss of rs.scopeSpans ?? [])
            for (const s of ss.spans ?? [])
              spans.push({
                service,
                traceId: s.traceId,
                spanId: s.spanId,
                parentSpanId: s.parentSpanId || undefined,
                name: s.name,
                attributes: Object.fromEntries((s.attributes ?? []).map((a) => [a.key, Object.values(a.value)[0]])),
              });
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * One decision is one trace: the compiled API and worker, both exporting over OTLP to a collector in this test,
 * carry the HTTP request's span through the Temporal update (client interceptor → workflow interceptors) to the
 * activity that projects it and the SQL that activity runs.
 */
describe('Traces: one decision through the API is one connected trace', () => {
  let h: Harness;
  let collector: Server;
  let api: Proc | undefined;
  let worker: Proc | undefined;
  /** The same API with a sampler that keeps nothing: its decisions are sampled out. */
  let unsampledApi: Proc | undefined;
  let apiPort = 0;
  let unsampledPort = 0;
  let s1: S1Driver;
  const spans: ReceivedSpan[] = [];

  const byId = (id?: string) => spans.find((s) => s.spanId === id);
  const httpSpans = (route: string) => spans.filter((s) => s.service === 'thidua-api' && s.attributes['http.route'] === route);
  /** The span chain from a pg span of the decision's activity up to its HTTP span, once every hop has arrived. */
  const chain = (route: string): ReceivedSpan[] | undefined => {
    for (const root of httpSpans(route)) {
      const pgSpans = spans.filter(
        (s) => s.traceId === root.traceId && s.service === 'thidua-worker' && s.name.startsWith('pg.'),
      );
      for (const pg of pgSpans) {
        const path: ReceivedSpan[] = [pg];
        let at: ReceivedSpan | undefined = pg;
        while (at?.parentSpanId) {
          at = byId(at.parentSpanId);
          if (at) path.push(at);
        }
        if (path[path.length - 1] === root) return path.reverse();
      }
    }
    return undefined;
  };
  const waitForChain = (route: string) =>
    waitFor(() => chain(route) !== undefined, 'the decision trace from the HTTP span to a worker pg span', 30_000).catch(
      (error: Error) => {
        const summary = spans.map(
          (s) => `${s.service} ${s.traceId.slice(0, 8)} ${s.spanId} <- ${s.parentSpanId ?? '-'} ${s.name}`,
        );
        throw new Error(`${error.message}; received:\n${summary.join('\n')}`);
      },
    );

  beforeAll(async () => {
    for (const entry of [API_ENTRY, WORKER_ENTRY])
      if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first (scripts/test.sh does)`);
    h = await createHarness({ bundle: await bundleWorkflows(), withoutWorker: true });
    collector = await startCollector(spans);
    apiPort = await freePort();
    const env = {
      DATABASE_URL: h.config.databaseUrl,
      TEMPORAL_ADDRESS: h.config.temporal.address,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: h.config.temporal.taskQueue,
      COMMAND_SIGNING_KEY: h.config.commandSigning.current,
      JWT_SECRET: h.config.auth.jwtSecret,
      LOG_LEVEL: 'warn',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
      OTEL_BSP_SCHEDULE_DELAY: '100',
      // Every trace (the default keeps one in ten).
      OTEL_TRACES_SAMPLER: 'parentbased_always_on',
    };
    worker = startProcess(process.execPath, [WORKER_ENTRY], { ...env, LOG_LEVEL: 'info' });
    api = startProcess(process.execPath, [API_ENTRY], { ...env, PORT: String(apiPort) });
    unsampledPort = await freePort();
    unsampledApi = startProcess(process.execPath, [API_ENTRY], {
      ...env,
      PORT: String(unsampledPort),
      OTEL_TRACES_SAMPLER: 'always_off',
    });
    const describe = (p?: Proc) => (p?.output() ?? '').slice(-3000);
    await waitFor(() => (worker?.output() ?? '').includes('worker: polling'), 'the worker process to poll', 120_000).catch(
      (error: Error) => {
        throw new Error(`${error.message}; the worker wrote:\n${describe(worker)}`);
      },
    );
    for (const [port, proc] of [
      [apiPort, api],
      [unsampledPort, unsampledApi],
    ] as const)
      await waitFor(
        async () => (await fetch(`http://127.0.0.1:${port}/v1/health/live`).catch(() => undefined))?.status === 200,
        'the API process to answer',
        60_000,
      ).catch((error: Error) => {
        throw new Error(`${error.message}; the API wrote:\n${describe(proc)}`);
      });
  });

  afterAll(async () => {
    await api?.kill('SIGKILL');
    await unsampledApi?.kill('SIGKILL');
    await worker?.kill('SIGKILL');
    await h?.close();
    await new Promise((r) => collector?.close(r));
  });

  it('given a launch through the API, should link HTTP → StartWorkflowUpdate → HandleUpdate → activity → SQL in one trace', async () => {
    // The cycle starts through the in-process API (untraced); its launch, the decision under test, through the traced one.
    s1 = new S1Driver(h.app, h.demo);
    await s1.start();
    const DAY = 86_400_000;
    const launch = () =>
      fetch(`http://127.0.0.1:${apiPort}/v1/cycles/${s1.cycleId}/launch`, {
        method: 'POST',
        headers: { ...s1.leader, 'content-type': 'application/json', 'x-request-id': `trace-${s1.cycleId}` },
        body: JSON.stringify({
          plan: 'Kế hoạch thi đua năm 2020',
          pledgeText: 'Các đơn vị cam kết thực hiện thắng lợi nhiệm vụ chính trị năm 2020',
          criteria: CRITERIA,
          pledgeDeadline: new Date(Date.now() + 30 * DAY).toISOString(),
          selfAssessmentDeadline: new Date(Date.now() + 60 * DAY).toISOString(),
        }),
      });
    let res = await launch();
    // A loaded machine may answer 202 REQUEST_IN_PROGRESS: the same request id gets the decision's answer.
    for (let i = 0; i < 10 && res.status === 202; i++) res = await launch();
    expect(res.status).toBe(200);

    const LAUNCH = '/v1/cycles/:cycleId/launch';
    await waitForChain(LAUNCH);
    const names = (chain(LAUNCH) ?? []).map((s) => `${s.service}:${s.name}`);
    // One trace id along the whole path (each hop's parent is the one before it, by construction of `chain`).
    expect(new Set(chain(LAUNCH)?.map((s) => s.traceId)).size).toBe(1);
    expect(names[0]).toBe('thidua-api:POST /v1/cycles/:cycleId/launch');
    // The launch's events go to the read model as one batch (patch projection-batch).
    const order = [
      'StartWorkflowUpdate:launch',
      'HandleUpdate:launch',
      'StartActivity:projectCycleSteps',
      'RunActivity:projectCycleSteps',
    ];
    const positions = order.map((name) => names.findIndex((n) => n.endsWith(`:${name}`)));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(names[names.length - 1]).toMatch(/^thidua-worker:pg\./);
    // The statement's text is traced, never its values.
    const pg = (chain(LAUNCH) ?? [])[names.length - 1];
    expect(pg.attributes['db.statement']).toEqual(expect.any(String));
    expect(JSON.stringify(spans)).not.toContain('Kế hoạch thi đua năm 2020');
  });

  it('given a decision sampled out at the API, should trace none of it in the worker, and the next sampled one whole', async () => {
    const PLEDGES = '/v1/cycles/:cycleId/pledges';
    const pledge = async (port: number, unit: 'LDLD' | 'MTTQ') => {
      const send = () =>
        fetch(`http://127.0.0.1:${port}/v1/cycles/${s1.cycleId}/pledges`, {
          method: 'POST',
          headers: { ...as.head(s1.u(unit)), 'content-type': 'application/json', 'x-request-id': `pledge-${unit}-${s1.cycleId}` },
          body: '{}',
        });
      let res = await send();
      for (let i = 0; i < 10 && res.status === 202; i++) res = await send();
      return res.status;
    };
    // One pledge through the API that keeps no trace, then one through the API that keeps every trace.
    expect(await pledge(unsampledPort, 'LDLD')).toBe(200);
    expect(await pledge(apiPort, 'MTTQ')).toBe(200);
    await waitForChain(PLEDGES);
    // Spans are exported in the order they end: had the first pledge left any in the worker, they came before these.
    const apiTraces = new Set(spans.filter((s) => s.service === 'thidua-api').map((s) => s.traceId));
    const orphans = spans.filter((s) => s.service === 'thidua-worker' && !apiTraces.has(s.traceId));
    expect(orphans.map((s) => s.name)).toEqual([]);
    expect(httpSpans(PLEDGES)).toHaveLength(1);
    const traceId = chain(PLEDGES)?.[0].traceId;
    const handled = spans.filter((s) => s.service === 'thidua-worker' && s.name.startsWith('HandleUpdate:'));
    expect(handled.filter((s) => s.traceId === traceId)).toHaveLength(1);
    // Besides it, only the launch's (the first test), each in the trace of a traced request.
    expect(handled.map((s) => s.name).sort()).toEqual(
      [`HandleUpdate:launch`, handled.find((s) => s.traceId === traceId)?.name].sort(),
    );
  });
});
