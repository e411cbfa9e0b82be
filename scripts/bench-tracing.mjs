#!/usr/bin/env node
// `npm run bench:tracing [-- --steps N --warmup W --modes a,b,…]`: the API's decision latency with tracing and JSON
// logging off and on, in one run, side by side. Like `npm run bench` (scripts/bench-year.mjs), it starts its own
// Temporal dev server and embedded PostgreSQL on free ports, the migrations and the demo seed (province BK, scenario
// S1). Then, for each mode (MODES below: the baseline with LOG_LEVEL=silent and no OTEL_EXPORTER_OTLP_ENDPOINT, so the
// SDK is not even loaded; JSON logs alone; every trace kept, without and with logs; the production default, logs on
// and the default sampler), an API and a worker of its own, on a task queue and a cycle of its own (the same bloc, one
// year per mode), all running at once. The modes then take turns step by step (the order rotating every step), so
// that whatever else loads the machine weighs on all of them alike; no process is restarted between samples.
// Traces go over OTLP/HTTP to a collector: a child process that answers each export and appends its body to a file,
// decoded after the last step. A collector belongs on another machine; here it shares the two cores, and its CPU is
// printed beside the API's and the worker's (per mode: CPU of that mode's API and worker per step) so that what it
// costs is visible, not hidden. The step: a unit's self-assessment sheet submitted by its focal person, then returned
// by its head (two workflow updates, each projected to PostgreSQL before it answers), the six units in turn.
// Prints the tables and the load averages before and after; asserts nothing.
/* global fetch, performance, Buffer */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg, percentile, portOpen, sleep } from './bench/harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { Connection } = require('@temporalio/client');
const pg = require('pg');

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

async function waitFor(check, what, child, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (child?.exited) throw new Error(`${what}: ${child.name} exited; its log:\n${child.tail()}`);
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${what}${child ? `; log of ${child.name}:\n${child.tail()}` : ''}`);
    await sleep(200);
  }
}

/**
 * Children in their own process group. The servers' output is kept in memory (the last megabyte); the API's and the
 * worker's go to a file, as a service's stdout goes to its journal, so that reading their logs costs this process
 * nothing while decisions are timed.
 */
const children = [];
function startChild(name, command, args, env, logFile) {
  const fd = logFile ? openSync(logFile, 'a') : undefined;
  const merged = { ...process.env, ...env };
  for (const [key, value] of Object.entries(merged)) if (value === undefined) delete merged[key];
  const child = spawn(command, args, {
    cwd: root,
    env: merged,
    detached: true,
    stdio: ['ignore', fd ?? 'pipe', fd ?? 'pipe'],
  });
  if (fd !== undefined) closeSync(fd);
  let out = '';
  const keep = (d) => {
    out += d.toString();
    if (out.length > 2_000_000) out = out.slice(-1_000_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const output = () => (logFile ? readFileSync(logFile, 'utf8') : out);
  const entry = {
    name,
    child,
    pid: child.pid,
    exited: false,
    output,
    tail: (n = 30) => output().split('\n').slice(-n).join('\n'),
  };
  child.once('exit', () => (entry.exited = true));
  children.push(entry);
  return entry;
}

const countLines = (file) => {
  try {
    const data = readFileSync(file);
    let n = 0;
    for (let i = data.indexOf(10); i >= 0; i = data.indexOf(10, i + 1)) n++;
    return n;
  } catch {
    return 0;
  }
};

/**
 * CPU time (ms, user + system) of a process group and of every descendant of its processes, live or reaped
 * (PostgreSQL's backends leave the group with setsid but stay the postmaster's children). Read from /proc; clock ticks
 * of 10 ms (CLK_TCK 100, as on every Linux this runs on).
 */
function groupCpuMs(pgid) {
  const procs = new Map();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    procs.set(Number(pid), { ppid: Number(f[1]), pgrp: Number(f[2]), ticks: f.slice(11, 15).reduce((t, x) => t + Number(x), 0) });
  }
  const inGroup = (pid, depth = 0) => {
    const p = procs.get(pid);
    if (!p || depth > 50) return false;
    return p.pgrp === pgid || inGroup(p.ppid, depth + 1);
  };
  let ticks = 0;
  for (const [pid, p] of procs) if (inGroup(pid)) ticks += p.ticks;
  return ticks * 10;
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
  await Promise.all(children.filter((c) => /^(api|worker)-/.test(c.name)).map(stop));
  await Promise.all(children.filter((c) => !/^(api|worker)-/.test(c.name)).map(stop));
}

/** The OTLP/HTTP collector, its own process: answers each export at once, appends the body (one line of JSON) to a file. */
const COLLECTOR = `
const { createServer } = require('node:http');
const { appendFileSync } = require('node:fs');
const [file] = process.argv.slice(1);
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (d) => chunks.push(d));
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    appendFileSync(file, Buffer.concat(chunks).toString().replace(/\\n/g, ' ') + '\\n');
  });
});
server.listen(0, '127.0.0.1', () => console.log('collector listening ' + server.address().port));
`;

/** Spans received, by service (thidua-api-<mode>, thidua-worker-<mode>) and span name, with the bytes. */
function decodeCollected(file) {
  const byMode = new Map();
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return byMode;
  }
  for (const line of text.split('\n')) {
    if (!line) continue;
    let doc;
    try {
      doc = JSON.parse(line);
    } catch {
      continue;
    }
    for (const rs of doc.resourceSpans ?? []) {
      const service = rs.resource?.attributes?.find((a) => a.key === 'service.name')?.value?.stringValue ?? '';
      const mode = service.replace(/^thidua-(api|worker)-/, '');
      const m = byMode.get(mode) ?? { spans: 0, bytes: 0, byName: new Map() };
      byMode.set(mode, m);
      m.bytes += Buffer.byteLength(JSON.stringify(rs));
      for (const ss of rs.scopeSpans ?? [])
        for (const span of ss.spans ?? []) {
          m.spans++;
          const name = span.name.replace(/^(pg\.query:\w+).*/, '$1');
          m.byName.set(name, (m.byName.get(name) ?? 0) + 1);
        }
    }
  }
  return byMode;
}

/**
 * What each mode sets on its API and worker (OTEL_* of this process's environment are removed first). The first five
 * make the table; the others (`--modes`) take tracing apart to find where its cost is.
 */
const EVERY = { OTEL_TRACES_SAMPLER: 'parentbased_always_on' };
const MODES = {
  off: { label: 'baseline: logs off, tracing off', logs: false },
  logs: { label: 'JSON logs on, tracing off', logs: true },
  traced: { label: 'logs off, tracing on, every trace', logs: false, tracing: EVERY },
  full: { label: 'logs on, tracing on, every trace', logs: true, tracing: EVERY },
  default: { label: 'logs on, tracing on, default sampler', logs: true, tracing: {} },
  unsampled: { label: 'logs off, tracing on, no trace kept', logs: false, tracing: { OTEL_TRACES_SAMPLER: 'always_off' } },
  'no-pg': {
    label: 'logs off, every trace, no pg spans',
    logs: false,
    tracing: { ...EVERY, OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'pg' },
  },
  'no-temporal': {
    label: 'logs off, every trace, no Temporal interceptors',
    logs: false,
    tracing: { ...EVERY, OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'temporal' },
  },
};
const DEFAULT_MODES = ['off', 'logs', 'traced', 'full', 'default'];

function options() {
  const args = process.argv.slice(2);
  const value = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    if (i < 0) return fallback;
    const n = Number(args[i + 1]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} takes a positive integer, got "${args[i + 1]}"`);
    return n;
  };
  const i = args.indexOf('--modes');
  const modes = i < 0 ? DEFAULT_MODES : String(args[i + 1] ?? '').split(',');
  if (modes.some((m) => !MODES[m]) || !modes.includes('off'))
    throw new Error(`--modes takes a list of ${Object.keys(MODES).join(', ')} with off (the baseline) among them`);
  return {
    steps: value('steps', 60),
    warmup: value('warmup', 6),
    modes,
    build: !args.includes('--no-build'),
    // --profile DIR: each API and worker writes V8 CPU profiles there (its threads' too), to see where time goes.
    profile: args.includes('--profile') ? path.resolve(String(args[args.indexOf('--profile') + 1])) : undefined,
  };
}

async function call(api, method, route, token, body, { expect = [200] } = {}) {
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

async function main() {
  const opts = options();
  const t0 = performance.now();
  if (opts.build) execFileSync('node', [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  const work = mkdtempSync(path.join(os.tmpdir(), 'thidua-bench-tracing-'));
  chmodSync(work, 0o755);
  const [temporalPort, uiPort, pgPort] = [await freePort(), await freePort(), await freePort()];
  const password = `bench-${randomBytes(9).toString('base64url')}`;
  const collectedFile = path.join(work, 'collected.jsonl');
  const env = {
    DATABASE_URL: `postgres://postgres:postgres@127.0.0.1:${pgPort}/thidua`,
    TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    JWT_SECRET: randomBytes(48).toString('base64url'),
    COMMAND_SIGNING_KEY: randomBytes(48).toString('base64url'),
    DEMO_PASSWORD: password,
    ACCESS_TOKEN_SECONDS: '86400',
    LOGIN_MAX_PER_MINUTE_PER_IP: '10000',
  };
  const otelUnset = Object.fromEntries(
    Object.keys(process.env)
      .filter((k) => k.startsWith('OTEL_'))
      .map((k) => [k, undefined]),
  );
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
    const collector = startChild('collector', 'node', ['-e', COLLECTOR, collectedFile], {});
    await waitFor(() => portOpen(temporalPort), 'the Temporal dev server', temporal);
    await waitFor(() => /^postgres ready /m.test(postgres.output()), 'PostgreSQL', postgres);
    await waitFor(() => /collector listening \d+/.test(collector.output()), 'the collector', collector);
    const collectorPort = Number(/collector listening (\d+)/.exec(collector.output())[1]);
    const run = (script) =>
      new Promise((resolve, reject) =>
        execFile('node', [path.join(root, script)], { cwd: root, env: { ...process.env, ...env } }, (error, _out, err) =>
          error ? reject(new Error(`${script}: ${err || error.message}`)) : resolve(),
        ),
      );
    await run('dist/src/db/run-migrations.js');
    await run('dist/src/seed/seed-demo.js');
    // One cycle per mode, a year each: the demo seed gives the bloc a leadership for its first year only; the others
    // get the same (as the board would appoint it).
    const db = new pg.Client({ connectionString: env.DATABASE_URL });
    await db.connect();
    await db.query(
      `INSERT INTO bloc_leaderships (bloc_id, year, leader_unit_code, deputy_unit_code, source)
       SELECT bloc_id, y, leader_unit_code, deputy_unit_code, 'APPOINTED'
       FROM bloc_leaderships, generate_series(year + 1, year + $1) AS y
       WHERE year = (SELECT min(year) FROM bloc_leaderships)
       ON CONFLICT DO NOTHING`,
      [opts.modes.length],
    );
    await db.end();
    const temporalConnection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });

    // One API and one worker per mode, on the mode's own task queue, started one after the other.
    const live = {};
    for (const mode of opts.modes) {
      const { logs, tracing } = MODES[mode];
      const port = await freePort();
      const taskQueue = `bench-tracing-${mode}`;
      const modeEnv = {
        ...env,
        ...otelUnset,
        PORT: String(port),
        TEMPORAL_TASK_QUEUE: taskQueue,
        LOG_LEVEL: logs ? 'info' : 'silent',
        ...(tracing ? { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collectorPort}`, ...tracing } : {}),
      };
      const logFiles = { worker: path.join(work, `worker-${mode}.log`), api: path.join(work, `api-${mode}.log`) };
      const prof = (name) => (opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(opts.profile, `${mode}-${name}`)}`] : []);
      const worker = startChild(
        `worker-${mode}`,
        'node',
        [...prof('worker'), 'dist/src/worker/main.js'],
        { ...modeEnv, OTEL_SERVICE_NAME: `thidua-worker-${mode}` },
        logFiles.worker,
      );
      const apiProc = startChild(
        `api-${mode}`,
        'node',
        [...prof('api'), 'dist/src/api/main.js'],
        { ...modeEnv, OTEL_SERVICE_NAME: `thidua-api-${mode}` },
        logFiles.api,
      );
      // The worker is ready when the server has seen it poll (its log may be off): its identity is pid@host.
      const identity = `${worker.pid}@${os.hostname()}`;
      const polling = async () => {
        const { pollers = [] } = await temporalConnection.workflowService.describeTaskQueue({
          namespace: 'default',
          taskQueue: { name: taskQueue },
          taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
        });
        return pollers.some((p) => p.identity === identity);
      };
      await waitFor(polling, `the worker of ${mode}`, worker);
      const api = `http://127.0.0.1:${port}`;
      await waitFor(
        () =>
          fetch(`${api}/v1/health`).then(
            (r) => r.status === 200,
            () => false,
          ),
        `the API of ${mode}`,
        apiProc,
      );
      live[mode] = { api, worker, apiProc, logFiles };
    }

    const anyApi = live.off.api;
    const login = async (username) =>
      (await call(anyApi, 'POST', '/v1/auth/login', undefined, { username, password })).accessToken;
    const units = ['HLHPN', 'LDLD', 'MTTQ', 'HCCB', 'HND', 'DTN'];
    const head = Object.fromEntries(await Promise.all(units.map(async (u) => [u, await login(`head.bk-${u.toLowerCase()}`)])));
    const focal = Object.fromEntries(await Promise.all(units.map(async (u) => [u, await login(`focal.bk-${u.toLowerCase()}`)])));
    const admin = await login('admin');
    const officer = await login('truongphong.bk');
    const DAY = 86_400_000;
    // Each mode's cycle (the demo bloc, one year per mode), started through its own API (so on its task queue), up to
    // its self-assessment.
    await Promise.all(
      opts.modes.map(async (mode, k) => {
        const { api } = live[mode];
        const year = 2020 + k;
        const cycle = await call(
          api,
          'POST',
          '/v1/cycles',
          officer,
          { provinceCode: 'BK', blocCode: 'MTTQ-DT', year },
          { expect: [201] },
        );
        const c = `/v1/cycles/${encodeURIComponent(cycle.cycleId)}`;
        await call(api, 'POST', `${c}/launch`, head.HLHPN, {
          plan: `Kế hoạch thi đua năm ${year} (đo hiệu năng)`,
          pledgeText: `Cam kết thi đua năm ${year}`,
          criteria: [
            { code: 'TC1', name: 'Thực hiện nhiệm vụ chính trị được giao', maxPoints: 40, evidenceRequired: true },
            { code: 'TC2', name: 'Công tác xây dựng tổ chức, đoàn kết nội bộ', maxPoints: 30, evidenceRequired: false },
            { code: 'TC3', name: 'Tham gia hoạt động chung của khối', maxPoints: 30, evidenceRequired: false },
          ],
          pledgeDeadline: new Date(Date.now() + 30 * DAY).toISOString(),
          selfAssessmentDeadline: new Date(Date.now() + 60 * DAY).toISOString(),
        });
        for (const u of units) await call(api, 'POST', `${c}/pledges`, head[u]);
        for (let phase = ''; phase !== 'SELF_ASSESSMENT'; await sleep(200)) phase = (await call(api, 'GET', c, admin)).phase;
        live[mode].cycle = c;
      }),
    );
    const scores = [
      { criterionCode: 'TC1', points: 34, evidenceRefs: ['bao-cao-2020.pdf'] },
      { criterionCode: 'TC2', points: 25, evidenceRefs: [] },
      { criterionCode: 'TC3', points: 25, evidenceRefs: [] },
    ];
    console.error(
      `bench: servers, ${opts.modes.length} APIs and workers and their cycles ready after ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );

    const samples = Object.fromEntries(opts.modes.map((m) => [m, { submit: [], decision: [] }]));
    const cpuNow = () => ({
      ...Object.fromEntries(
        opts.modes.map((m) => [m, { api: groupCpuMs(live[m].apiProc.pid), worker: groupCpuMs(live[m].worker.pid) }]),
      ),
      temporal: groupCpuMs(temporal.pid),
      postgres: groupCpuMs(postgres.pid),
      collector: groupCpuMs(collector.pid),
      bench: process.cpuUsage(),
    });
    const loadBefore = loadavg();
    let cpu0;
    const wall0 = { t: 0 };
    for (let i = 0; i < opts.warmup + opts.steps; i++) {
      if (i === opts.warmup) {
        cpu0 = cpuNow();
        wall0.t = performance.now();
      }
      // The units take turns (each round of a unit's sheet adds to what its projection writes); the modes too, in an
      // order that rotates every step.
      const unit = units[i % units.length];
      const order = opts.modes.map((_, k) => opts.modes[(k + i) % opts.modes.length]);
      for (const mode of order) {
        const { api, cycle } = live[mode];
        const sheet = `${cycle}/units/BK-${unit}/assessment`;
        let start = performance.now();
        await call(api, 'POST', sheet, focal[unit], { scores });
        const submit = performance.now() - start;
        start = performance.now();
        await call(api, 'POST', `${sheet}/approval`, head[unit], { decision: 'RETURN', reason: 'Bổ sung minh chứng' });
        const decision = performance.now() - start;
        if (i < opts.warmup) continue;
        samples[mode].submit.push(submit);
        samples[mode].decision.push(decision);
      }
      if ((i + 1) % 10 === 0) console.error(`bench: ${i + 1} of ${opts.warmup + opts.steps} steps per mode`);
    }
    const cpu1 = cpuNow();
    const wallSeconds = (performance.now() - wall0.t) / 1000;
    const loadAfter = loadavg();
    // Let the last batches reach the collector (OTEL_BSP_SCHEDULE_DELAY is 5 s), then stop the APIs and workers.
    await sleep(6000);
    await Promise.all(opts.modes.flatMap((m) => [stop(live[m].apiProc), stop(live[m].worker)]));
    await temporalConnection.close();
    await sleep(500);
    const received = decodeCollected(collectedFile);

    const fmt = (v) => (Number.isFinite(v) ? v.toFixed(1) : '—');
    const p = (mode, kind, q) => percentile(samples[mode][kind], q);
    const overhead = (mode, kind) =>
      mode === 'off' ? '(baseline)' : `${((p(mode, kind, 50) / p('off', kind, 50) - 1) * 100).toFixed(1)}%`;
    const table = (head, rows) => {
      const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => String(r[i]).length)));
      const line = (r) => `| ${r.map((cell, i) => String(cell)[i === 0 ? 'padEnd' : 'padStart'](widths[i])).join(' | ')} |`;
      console.log(line(head));
      console.log(`| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`);
      for (const r of rows) console.log(line(r));
    };
    const n = opts.steps;
    console.log(
      `\nDecision latency with tracing and JSON logging off and on: ${n} steps per mode (after ${opts.warmup} warm-up), ` +
        `modes interleaved step by step, ${os.cpus().length} cores, ${wallSeconds.toFixed(0)} s; ` +
        `load average 1/5/15 min before ${loadBefore}, after ${loadAfter}\n`,
    );
    table(
      ['mode', 'return p50 / p99 (ms)', 'overhead p50', 'submit p50 / p99 (ms)', 'overhead p50'],
      opts.modes.map((m) => [
        MODES[m].label,
        `${fmt(p(m, 'decision', 50))} / ${fmt(p(m, 'decision', 99))}`,
        overhead(m, 'decision'),
        `${fmt(p(m, 'submit', 50))} / ${fmt(p(m, 'submit', 99))}`,
        overhead(m, 'submit'),
      ]),
    );
    console.log(
      '\nPer step (a submit and a return): CPU ms of the mode’s API and worker, log lines, spans and OTLP JSON KiB exported\n',
    );
    table(
      ['mode', 'API', 'worker', 'log lines', 'spans', 'OTLP KiB'],
      opts.modes.map((m) => {
        const r = received.get(m);
        // Log lines, spans and bytes include the warm-up steps and the start-up.
        const all = opts.steps + opts.warmup;
        return [
          MODES[m].label,
          fmt((cpu1[m].api - cpu0[m].api) / n),
          fmt((cpu1[m].worker - cpu0[m].worker) / n),
          fmt((countLines(live[m].logFiles.api) + countLines(live[m].logFiles.worker)) / all),
          r ? fmt(r.spans / all) : '0',
          r ? fmt(r.bytes / 1024 / all) : '0',
        ];
      }),
    );
    const steps = n * opts.modes.length;
    const bench = process.cpuUsage(cpu0.bench);
    console.log(
      `\nShared, per step of any mode: Temporal ${fmt((cpu1.temporal - cpu0.temporal) / steps)} ms CPU, PostgreSQL ` +
        `${fmt((cpu1.postgres - cpu0.postgres) / steps)}, this process (the client) ${fmt((bench.user + bench.system) / 1000 / steps)}; ` +
        `the collector ${fmt(cpu1.collector - cpu0.collector)} ms in all (${fmt((cpu1.collector - cpu0.collector) / n)} per step of the traced modes together)`,
    );
    for (const m of opts.modes) {
      const r = received.get(m);
      if (!r) continue;
      const top = [...r.byName].sort((a, b) => b[1] - a[1]).slice(0, 8);
      console.log(`spans of ${m}, by name (top 8): ${top.map(([name, k]) => `${name} ${k}`).join(', ')}`);
    }
    console.log('');
    for (const m of opts.modes.filter((x) => x !== 'off'))
      console.log(`return p50 overhead, ${MODES[m].label}: ${overhead(m, 'decision')} (target < 10%)`);
    status = 0;
  } catch (error) {
    console.error(`bench:tracing failed: ${error.stack ?? error.message}`);
  } finally {
    await stopAll();
    rmSync(work, { recursive: true, force: true });
  }
  process.exit(status);
}

await main();
