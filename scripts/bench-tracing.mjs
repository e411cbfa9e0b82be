#!/usr/bin/env node
// `npm run bench:tracing [-- --steps N --rounds R]`: the API's decision latency with tracing and JSON logging off, then
// on, in one run, side by side. Like `npm run bench` (scripts/bench-year.mjs), it starts its own Temporal dev server
// and embedded PostgreSQL on free ports, the migrations and the demo seed (province BK, scenario S1), then the API
// and the worker as child processes, restarted for each mode:
//   off: LOG_LEVEL=silent, no OTEL_EXPORTER_OTLP_ENDPOINT (the SDK is not even loaded);
//   on:  LOG_LEVEL=info (JSON lines read by this process), traces exported over OTLP/HTTP to a collector in this
//        process (which receives and counts them), as with a real collector.
// The decision measured: a unit's self-assessment sheet submitted by its focal person, then returned by its head
// (two workflow updates, each projected to PostgreSQL before it answers), the six units in turn, sequentially. The modes
// alternate (off, on, off, on, …) on the same servers and the same cycle so that drift spreads over both. Prints one
// table; asserts nothing (the target is an overhead under 10% at p50).
/* global fetch, performance, Buffer */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createConnection, createServer as createNetServer } from 'node:net';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { Connection } = require('@temporalio/client');

function options() {
  const args = process.argv.slice(2);
  const value = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    if (i < 0) return fallback;
    const n = Number(args[i + 1]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} takes a positive integer, got "${args[i + 1]}"`);
    return n;
  };
  return {
    steps: value('steps', 30),
    rounds: value('rounds', 2),
    warmup: value('warmup', 5),
    build: !args.includes('--no-build'),
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

const portOpen = (port) =>
  new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

async function waitFor(check, what, child, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (child?.exited) throw new Error(`${what}: ${child.name} exited; its log:\n${child.tail()}`);
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${what}${child ? `; log of ${child.name}:\n${child.tail()}` : ''}`);
    await sleep(200);
  }
}

/** Children in their own process group, output kept in memory (the last megabyte); as bench-year.mjs does. */
const children = [];
function startChild(name, command, args, env) {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let lines = 0;
  const keep = (d) => {
    const text = d.toString();
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    out += text;
    if (out.length > 2_000_000) out = out.slice(-1_000_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const entry = {
    name,
    child,
    pid: child.pid,
    exited: false,
    output: () => out,
    lines: () => lines,
    tail: (n = 30) => out.split('\n').slice(-n).join('\n'),
  };
  child.once('exit', () => (entry.exited = true));
  children.push(entry);
  return entry;
}

function stop(entry) {
  if (entry.exited) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => {
      try {
        process.kill(-entry.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 10_000);
    entry.child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    try {
      process.kill(-entry.pid, 'SIGTERM');
    } catch {
      clearTimeout(kill);
      resolve();
    }
  });
}

async function stopAll() {
  for (const group of [
    ['api', 'worker'],
    ['temporal', 'postgres'],
  ])
    await Promise.all(children.filter((c) => group.includes(c.name)).map(stop));
}

const percentile = (values, p) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

let api = '';
async function call(method, route, token, body, { expect = [200] } = {}) {
  const headers = { ...(token ? { authorization: `Bearer ${token}` } : {}) };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const payload = body === undefined ? undefined : JSON.stringify(body);
  let res = await fetch(api + route, { method, headers, body: payload });
  let json = await res.json().catch(() => ({}));
  // A decision that did not answer within UPDATE_WAIT_SECONDS (a loaded machine): re-sent with its id, as clients do.
  for (let resends = 0; res.status === 202 && json?.requestId && resends < 30; resends++) {
    await sleep(1000 * Number(json.retryAfterSeconds ?? 1));
    res = await fetch(api + route, { method, headers: { ...headers, 'x-request-id': String(json.requestId) }, body: payload });
    json = await res.json().catch(() => ({}));
  }
  if (!expect.includes(res.status)) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(json).slice(0, 400)}`);
  return json;
}

/** The OTLP/HTTP collector of the "on" mode: receives every export (as a collector would) and counts the spans. */
function startCollector() {
  const received = { requests: 0, bytes: 0, spans: 0, byName: new Map() };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d.toString()));
    req.on('end', () => {
      received.requests++;
      received.bytes += Buffer.byteLength(body);
      try {
        for (const rs of JSON.parse(body).resourceSpans ?? [])
          for (const ss of rs.scopeSpans ?? [])
            for (const span of ss.spans ?? []) {
              received.spans++;
              const name = span.name.replace(/^(pg\.query:\w+).*/, '$1');
              received.byName.set(name, (received.byName.get(name) ?? 0) + 1);
            }
      } catch {
        // not JSON: counted in bytes only
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, received, port: server.address().port })),
  );
}

async function main() {
  const opts = options();
  const t0 = performance.now();
  if (opts.build) execFileSync('node', [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  const work = mkdtempSync(path.join(os.tmpdir(), 'thidua-bench-tracing-'));
  chmodSync(work, 0o755);
  const [temporalPort, uiPort, pgPort, apiPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const password = `bench-${randomBytes(9).toString('base64url')}`;
  const collector = await startCollector();
  const env = {
    DATABASE_URL: `postgres://postgres:postgres@127.0.0.1:${pgPort}/thidua`,
    TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    TEMPORAL_TASK_QUEUE: 'thidua-cycles',
    JWT_SECRET: randomBytes(48).toString('base64url'),
    COMMAND_SIGNING_KEY: randomBytes(48).toString('base64url'),
    DEMO_PASSWORD: password,
    PORT: String(apiPort),
    ACCESS_TOKEN_SECONDS: '86400',
    LOGIN_MAX_PER_MINUTE_PER_IP: '10000',
  };
  const modes = {
    off: { LOG_LEVEL: 'silent', OTEL_EXPORTER_OTLP_ENDPOINT: '' },
    on: { LOG_LEVEL: 'info', OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collector.port}` },
  };
  let status = 1;
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));
  try {
    const temporal = startChild('temporal', path.join(root, 'scripts/temporal-dev.sh'), [], {
      TEMPORAL_PORT: String(temporalPort),
      TEMPORAL_UI_PORT: String(uiPort),
      TEMPORAL_DB_FILE: path.join(work, 'temporal.sqlite'),
      TEMPORAL_HEADLESS: '1',
    });
    const postgres = startChild('postgres', 'node', [path.join(root, 'scripts/postgres.mjs')], {
      PGPORT: String(pgPort),
      PGDATA_DIR: path.join(work, 'pg'),
      PG_PERSISTENT: '0',
      PG_DATABASE: 'thidua',
    });
    await waitFor(() => portOpen(temporalPort), 'the Temporal dev server', temporal);
    await waitFor(() => /^postgres ready /m.test(postgres.output()), 'PostgreSQL', postgres);
    const run = (script) =>
      new Promise((resolve, reject) =>
        execFile('node', [path.join(root, script)], { cwd: root, env: { ...process.env, ...env } }, (error, _out, err) =>
          error ? reject(new Error(`${script}: ${err || error.message}`)) : resolve(),
        ),
      );
    await run('dist/src/db/run-migrations.js');
    await run('dist/src/seed/seed-demo.js');
    api = `http://127.0.0.1:${apiPort}`;
    const temporalConnection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });

    let procs = [];
    const startMode = async (mode) => {
      await Promise.all(procs.map(stop));
      const worker = startChild('worker', 'node', ['dist/src/worker/main.js'], { ...env, ...modes[mode] });
      const apiProc = startChild('api', 'node', ['dist/src/api/main.js'], { ...env, ...modes[mode] });
      procs = [worker, apiProc];
      // The worker is ready when the server has seen it poll (its log may be off): its identity is pid@host.
      const identity = `${worker.pid}@${os.hostname()}`;
      const polling = async () => {
        const { pollers = [] } = await temporalConnection.workflowService.describeTaskQueue({
          namespace: 'default',
          taskQueue: { name: env.TEMPORAL_TASK_QUEUE },
          taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
        });
        return pollers.some((p) => p.identity === identity);
      };
      await waitFor(polling, 'the worker', worker);
      await waitFor(
        () =>
          fetch(`${api}/v1/health`).then(
            (r) => r.status === 200,
            () => false,
          ),
        'the API',
        apiProc,
      );
      return { worker, apiProc };
    };

    // The demo cycle, up to its self-assessment (the first mode's processes drive it there).
    await startMode('off');
    const login = async (username) => (await call('POST', '/v1/auth/login', undefined, { username, password })).accessToken;
    const units = ['HLHPN', 'LDLD', 'MTTQ', 'HCCB', 'HND', 'DTN'];
    const head = Object.fromEntries(await Promise.all(units.map(async (u) => [u, await login(`head.bk-${u.toLowerCase()}`)])));
    const focal = Object.fromEntries(await Promise.all(units.map(async (u) => [u, await login(`focal.bk-${u.toLowerCase()}`)])));
    const admin = await login('admin');
    const cycle = await call(
      'POST',
      '/v1/cycles',
      await login('truongphong.bk'),
      { provinceCode: 'BK', blocCode: 'MTTQ-DT', year: 2020 },
      { expect: [201] },
    );
    const c = `/v1/cycles/${encodeURIComponent(cycle.cycleId)}`;
    const DAY = 86_400_000;
    await call('POST', `${c}/launch`, head.HLHPN, {
      plan: 'Kế hoạch thi đua năm 2020 (đo hiệu năng)',
      pledgeText: 'Cam kết thi đua năm 2020',
      criteria: [
        { code: 'TC1', name: 'Thực hiện nhiệm vụ chính trị được giao', maxPoints: 40, evidenceRequired: true },
        { code: 'TC2', name: 'Công tác xây dựng tổ chức, đoàn kết nội bộ', maxPoints: 30, evidenceRequired: false },
        { code: 'TC3', name: 'Tham gia hoạt động chung của khối', maxPoints: 30, evidenceRequired: false },
      ],
      pledgeDeadline: new Date(Date.now() + 30 * DAY).toISOString(),
      selfAssessmentDeadline: new Date(Date.now() + 60 * DAY).toISOString(),
    });
    for (const u of units) await call('POST', `${c}/pledges`, head[u]);
    for (let phase = ''; phase !== 'SELF_ASSESSMENT'; await sleep(100)) phase = (await call('GET', c, admin)).phase;
    // The units take turns: each round of a unit's sheet adds to what its projection writes, so one unit alone would
    // make the decision heavier with every step.
    const sheet = (i) => `${c}/units/BK-${units[i % units.length]}/assessment`;
    const scores = [
      { criterionCode: 'TC1', points: 34, evidenceRefs: ['bao-cao-2020.pdf'] },
      { criterionCode: 'TC2', points: 25, evidenceRefs: [] },
      { criterionCode: 'TC3', points: 25, evidenceRefs: [] },
    ];
    console.error(`bench: servers and the demo cycle ready after ${((performance.now() - t0) / 1000).toFixed(0)} s`);

    const samples = { off: { submit: [], decision: [] }, on: { submit: [], decision: [] } };
    const extra = { on: { logLines: 0 }, off: { logLines: 0 } };
    for (let round = 0; round < opts.rounds; round++) {
      for (const mode of ['off', 'on']) {
        const { worker, apiProc } = await startMode(mode);
        const linesBefore = worker.lines() + apiProc.lines();
        for (let i = 0; i < opts.warmup + opts.steps; i++) {
          let start = performance.now();
          await call('POST', sheet(i), focal[units[i % units.length]], { scores });
          const submit = performance.now() - start;
          start = performance.now();
          await call('POST', `${sheet(i)}/approval`, head[units[i % units.length]], {
            decision: 'RETURN',
            reason: 'Bổ sung minh chứng',
          });
          const decision = performance.now() - start;
          if (i < opts.warmup) continue;
          samples[mode].submit.push(submit);
          samples[mode].decision.push(decision);
        }
        extra[mode].logLines += worker.lines() + apiProc.lines() - linesBefore;
        console.error(`bench: round ${round + 1}, tracing and logging ${mode}: ${opts.steps} decisions`);
      }
    }
    await Promise.all(procs.map(stop));
    await temporalConnection.close();

    const fmt = (v) => (Number.isFinite(v) ? v.toFixed(1) : '—');
    const rows = [];
    for (const kind of ['decision', 'submit']) {
      for (const p of [50, 90]) {
        const off = percentile(samples.off[kind], p);
        const on = percentile(samples.on[kind], p);
        rows.push([
          `${kind === 'decision' ? 'return (head)' : 'submit (focal)'} p${p} (ms)`,
          fmt(off),
          fmt(on),
          `${(((on - off) / off) * 100).toFixed(1)}%`,
        ]);
      }
    }
    rows.push(['log lines written', String(extra.off.logLines), String(extra.on.logLines), '']);
    rows.push([
      'OTLP exports received (requests, bytes)',
      '0',
      `${collector.received.requests}, ${collector.received.bytes}`,
      '',
    ]);
    const widths = [0, 1, 2, 3].map((i) => Math.max(...[['', 'off', 'on', 'overhead'], ...rows].map((r) => r[i].length)));
    const line = (r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
    console.log(
      `\nTracing and JSON logging, off and on: ${opts.rounds} rounds × ${opts.steps} sequential decisions per mode (after ${opts.warmup} warm-up)`,
    );
    console.log(line(['', 'off', 'on', 'overhead']));
    for (const r of rows) console.log(line(r));
    const p50off = percentile(samples.off.decision, 50);
    const p50on = percentile(samples.on.decision, 50);
    const top = [...collector.received.byName].sort((a, b) => b[1] - a[1]).slice(0, 8);
    console.log(`spans by name (top): ${top.map(([n, c]) => `${n} ${c}`).join(', ')}`);
    console.log(`\ndecision p50 overhead: ${(((p50on - p50off) / p50off) * 100).toFixed(1)}% (target < 10%)`);
    status = 0;
  } catch (error) {
    console.error(`bench:tracing failed: ${error.stack ?? error.message}`);
  } finally {
    await stopAll();
    collector.server.close();
    rmSync(work, { recursive: true, force: true });
  }
  process.exit(status);
}

await main();
