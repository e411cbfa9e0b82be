#!/usr/bin/env node
// `npm run bench:tracing [-- --steps N --rounds R --warmup W --modes a,b,…]`: the API's decision latency with tracing
// and JSON logging off and on, in one run, side by side. Like `npm run bench` (scripts/bench-year.mjs), it starts its
// own Temporal dev server and embedded PostgreSQL on free ports, the migrations and the demo seed (province BK,
// scenario S1), then the API and the worker as child processes, restarted for each mode (MODES below): the baseline
// (LOG_LEVEL=silent, no OTEL_EXPORTER_OTLP_ENDPOINT: the SDK is not even loaded), JSON logs alone, every trace kept
// with and without logs, and the production default (logs on, the default sampler).
// Traces go over OTLP/HTTP to a collector in this process. A collector belongs on another machine; here it shares the
// two cores, so it does the least it can while decisions are timed (it keeps the request bodies and answers) and
// decodes them only after the last round. The CPU each process used per decision (API, worker, Temporal, PostgreSQL,
// this process) is printed beside the latencies, so what the collector costs is visible, not hidden.
// The decision measured: a unit's self-assessment sheet submitted by its focal person, then returned by its head
// (two workflow updates, each projected to PostgreSQL before it answers), the six units in turn, sequentially. The modes
// take turns (their order reversed every other round) on the same servers and the same cycle, so that drift spreads
// over all of them. Prints one table with the load averages before and after; asserts nothing.
/* global fetch, performance, Buffer */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
    steps: value('steps', 40),
    rounds: value('rounds', 2),
    warmup: value('warmup', 5),
    modes: (() => {
      const i = args.indexOf('--modes');
      if (i < 0) return DEFAULT_MODES;
      const modes = String(args[i + 1] ?? '').split(',');
      const unknown = modes.filter((m) => !MODES[m]);
      if (unknown.length > 0 || !modes.includes('off'))
        throw new Error(`--modes takes a list of ${Object.keys(MODES).join(', ')} with off (the baseline) among them`);
      return modes;
    })(),
    build: !args.includes('--no-build'),
    // --profile DIR: the API and the worker write V8 CPU profiles there (one per process start), to see where time goes.
    profile: args.includes('--profile') ? path.resolve(String(args[args.indexOf('--profile') + 1])) : undefined,
  };
}

const loadavg = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

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

/**
 * The OTLP/HTTP collector: answers each export at once and keeps its body, tagged with the mode that was running;
 * the bodies are decoded (spans counted by mode and name) only once the timed rounds are over.
 */
function startCollector() {
  const bodies = [];
  const state = { mode: '' };
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (d) => chunks.push(d));
    req.on('end', () => {
      bodies.push({ mode: state.mode, body: Buffer.concat(chunks) });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const decode = () => {
    const byMode = new Map();
    for (const { mode, body } of bodies) {
      const m = byMode.get(mode) ?? { requests: 0, bytes: 0, spans: 0, byName: new Map() };
      byMode.set(mode, m);
      m.requests++;
      m.bytes += body.length;
      try {
        for (const rs of JSON.parse(body.toString()).resourceSpans ?? [])
          for (const ss of rs.scopeSpans ?? [])
            for (const span of ss.spans ?? []) {
              m.spans++;
              const name = span.name.replace(/^(pg\.query:\w+).*/, '$1');
              m.byName.set(name, (m.byName.get(name) ?? 0) + 1);
            }
      } catch {
        // not JSON: counted in bytes only
      }
    }
    return byMode;
  };
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, state, decode, port: server.address().port })),
  );
}

/**
 * What each mode sets on the API and the worker (undefined: unset, whatever this process's environment says). The
 * first five are the table; the others (`--modes`) take tracing apart to find where its cost is.
 */
const MODES = {
  off: { label: 'baseline: logs off, tracing off', logs: false },
  logs: { label: 'JSON logs on, tracing off', logs: true },
  traced: { label: 'logs off, tracing on, every trace', logs: false, tracing: { OTEL_TRACES_SAMPLER: 'parentbased_always_on' } },
  full: { label: 'logs on, tracing on, every trace', logs: true, tracing: { OTEL_TRACES_SAMPLER: 'parentbased_always_on' } },
  default: { label: 'logs on, tracing on, default sampler', logs: true, tracing: {} },
  unsampled: { label: 'logs off, tracing loaded, no trace kept', logs: false, tracing: { OTEL_TRACES_SAMPLER: 'always_off' } },
  'no-pg': {
    label: 'logs off, every trace, no pg spans',
    logs: false,
    tracing: { OTEL_TRACES_SAMPLER: 'parentbased_always_on', OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'pg' },
  },
  'no-temporal': {
    label: 'logs off, every trace, no Temporal interceptors',
    logs: false,
    tracing: { OTEL_TRACES_SAMPLER: 'parentbased_always_on', OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'temporal' },
  },
};
const DEFAULT_MODES = ['off', 'logs', 'traced', 'full', 'default'];

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
  const otelUnset = Object.fromEntries(
    Object.keys(process.env)
      .filter((k) => k.startsWith('OTEL_'))
      .map((k) => [k, undefined]),
  );
  const modeEnv = (mode) => {
    const { logs, tracing } = MODES[mode];
    return {
      ...otelUnset,
      LOG_LEVEL: logs ? 'info' : 'silent',
      ...(tracing ? { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collector.port}`, ...tracing } : {}),
    };
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
    let starts = 0;
    const startMode = async (mode) => {
      await Promise.all(procs.map(stop));
      collector.state.mode = mode;
      starts++;
      const logs = { worker: path.join(work, `worker-${starts}.log`), api: path.join(work, `api-${starts}.log`) };
      const prof = (name) =>
        opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(opts.profile, `${mode}-${starts}-${name}`)}`] : [];
      const worker = startChild(
        'worker',
        'node',
        [...prof('worker'), 'dist/src/worker/main.js'],
        { ...env, ...modeEnv(mode) },
        logs.worker,
      );
      const apiProc = startChild('api', 'node', [...prof('api'), 'dist/src/api/main.js'], { ...env, ...modeEnv(mode) }, logs.api);
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
      return { worker, apiProc, logs };
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

    const samples = Object.fromEntries(opts.modes.map((m) => [m, { submit: [], decision: [], roundP50: [] }]));
    const cost = Object.fromEntries(
      opts.modes.map((m) => [m, { api: 0, worker: 0, temporal: 0, postgres: 0, bench: 0, logLines: 0, steps: 0 }]),
    );
    const loadBefore = loadavg();
    const pgid = (name) => children.find((c) => c.name === name).pid;
    for (let round = 0; round < opts.rounds; round++) {
      const order = round % 2 === 0 ? opts.modes : [...opts.modes].reverse();
      for (const mode of order) {
        const { worker, apiProc, logs } = await startMode(mode);
        const roundDecisions = [];
        let cpu;
        for (let i = 0; i < opts.warmup + opts.steps; i++) {
          if (i === opts.warmup)
            cpu = {
              api: groupCpuMs(apiProc.pid),
              worker: groupCpuMs(worker.pid),
              temporal: groupCpuMs(pgid('temporal')),
              postgres: groupCpuMs(pgid('postgres')),
              bench: process.cpuUsage(),
            };
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
          roundDecisions.push(decision);
        }
        const c = cost[mode];
        c.api += groupCpuMs(apiProc.pid) - cpu.api;
        c.worker += groupCpuMs(worker.pid) - cpu.worker;
        c.temporal += groupCpuMs(pgid('temporal')) - cpu.temporal;
        c.postgres += groupCpuMs(pgid('postgres')) - cpu.postgres;
        const bench = process.cpuUsage(cpu.bench);
        c.bench += (bench.user + bench.system) / 1000;
        c.steps += opts.steps;
        samples[mode].roundP50.push(percentile(roundDecisions, 50));
        // Counted at the end of the round: the start-up lines are in, as in production.
        c.logLines += countLines(logs.api) + countLines(logs.worker);
        console.error(
          `bench: round ${round + 1}, ${mode} (${MODES[mode].label}): ${opts.steps} steps, return p50 ${percentile(roundDecisions, 50).toFixed(1)} ms`,
        );
      }
    }
    await Promise.all(procs.map(stop));
    const loadAfter = loadavg();
    await temporalConnection.close();
    const received = collector.decode();

    const fmt = (v) => (Number.isFinite(v) ? v.toFixed(1) : '—');
    const pct = (on, off) => (mode) => (mode === 'off' ? '' : `${((on / off - 1) * 100).toFixed(1)}%`);
    const p = (mode, kind, q) => percentile(samples[mode][kind], q);
    const table = (head, rows) => {
      const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => String(r[i]).length)));
      const line = (r) => `| ${r.map((cell, i) => String(cell)[i === 0 ? 'padEnd' : 'padStart'](widths[i])).join(' | ')} |`;
      console.log(line(head));
      console.log(`| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`);
      for (const r of rows) console.log(line(r));
    };
    console.log(
      `\nDecision latency, tracing and JSON logging off and on: ${opts.rounds} rounds × ${opts.steps} sequential steps per mode` +
        ` (after ${opts.warmup} warm-up each), ${os.cpus().length} cores; load average 1/5/15 min ${loadBefore} → ${loadAfter}\n`,
    );
    table(
      ['mode', 'return p50 / p99 (ms)', 'overhead p50', 'per-round p50 (ms)', 'submit p50 / p99 (ms)', 'overhead p50'],
      opts.modes.map((m) => [
        MODES[m].label,
        `${fmt(p(m, 'decision', 50))} / ${fmt(p(m, 'decision', 99))}`,
        pct(p(m, 'decision', 50), p('off', 'decision', 50))(m) || '(baseline)',
        samples[m].roundP50.map(fmt).join(', '),
        `${fmt(p(m, 'submit', 50))} / ${fmt(p(m, 'submit', 99))}`,
        pct(p(m, 'submit', 50), p('off', 'submit', 50))(m) || '(baseline)',
      ]),
    );
    console.log('\nPer step (a submit and a return): CPU ms by process, log lines, spans and OTLP bytes exported\n');
    table(
      ['mode', 'API', 'worker', 'Temporal', 'PostgreSQL', 'bench (collector)', 'log lines', 'spans', 'OTLP KiB'],
      opts.modes.map((m) => {
        const c = cost[m];
        const r = received.get(m);
        // Spans and log lines include the warm-up steps and start-up: divided by every step the mode ran.
        const all = opts.rounds * (opts.steps + opts.warmup);
        return [
          MODES[m].label,
          fmt(c.api / c.steps),
          fmt(c.worker / c.steps),
          fmt(c.temporal / c.steps),
          fmt(c.postgres / c.steps),
          fmt(c.bench / c.steps),
          fmt(c.logLines / all),
          r ? fmt(r.spans / all) : '0',
          r ? fmt(r.bytes / 1024 / all) : '0',
        ];
      }),
    );
    for (const m of opts.modes) {
      const r = received.get(m);
      if (!r) continue;
      const top = [...r.byName].sort((a, b) => b[1] - a[1]).slice(0, 10);
      console.log(`spans of "${m}" by name (top): ${top.map(([n, k]) => `${n} ${k}`).join(', ')}`);
    }
    for (const m of opts.modes.filter((x) => x !== 'off'))
      console.log(
        `return p50 overhead, ${MODES[m].label}: ${((p(m, 'decision', 50) / p('off', 'decision', 50) - 1) * 100).toFixed(1)}% (target < 10%)`,
      );
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
