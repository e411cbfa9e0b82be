// The benchmarks' shared harness (scripts/bench-year.mjs, scripts/bench-round.mjs): the baseline's worker process,
// free ports, child processes and their RSS, load averages, the API client (a 202 re-sent with its request id),
// percentiles, the per-step recorder and the open-loop sender.
/* global fetch, FormData, performance, setInterval, clearInterval */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, createConnection } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
export const RAW_QUEUE = 'bench-raw';
/** The update of scripts/bench/raw-workflow.ts, by name. */
export const RAW_STEP = 'rawStep';

// ---------------------------------------------------------------- the baseline's worker process

export async function runRawWorker() {
  const { Worker, NativeConnection, bundleWorkflowCode } = require('@temporalio/worker');
  const noop = () => undefined;
  const logger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: path.join(root, 'scripts/bench/raw-workflow.ts'), logger });
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: RAW_QUEUE,
    workflowBundle,
    activities: { rawWork: () => Promise.resolve() },
  });
  console.log(`raw worker: polling ${RAW_QUEUE}`);
  await worker.run();
  await connection.close();
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

export const portOpen = (port) =>
  new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(check, what, child, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (child && child.exited) throw new Error(`${what}: ${child.name} exited; its log:\n${child.tail()}`);
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${what}${child ? `; log of ${child.name}:\n${child.tail()}` : ''}`);
    await sleep(200);
  }
}

/**
 * A benchmark's own world: a work directory, free ports for Temporal (and its UI), PostgreSQL and the API, fresh
 * secrets and admin password, and the environment of its child processes (every person of the province logs in from
 * this one address, so the login limits are raised).
 */
export async function benchSetup(prefix) {
  const work = mkdtempSync(path.join(os.tmpdir(), prefix));
  // The embedded PostgreSQL runs as the system user `postgres`, which must reach its data directory.
  chmodSync(work, 0o755);
  const [temporalPort, uiPort, pgPort, apiPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const secret = () => randomBytes(48).toString('base64url');
  const adminPassword = `bench-${randomBytes(9).toString('base64url')}`;
  const env = {
    DATABASE_URL: `postgres://postgres:postgres@127.0.0.1:${pgPort}/thidua`,
    TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    TEMPORAL_TASK_QUEUE: 'thidua-cycles',
    JWT_SECRET: secret(),
    COMMAND_SIGNING_KEY: secret(),
    DEMO_PASSWORD: adminPassword,
    PORT: String(apiPort),
    NO_COLOR: '1',
    LOGIN_MAX_PER_MINUTE_PER_IP: '10000',
    LOGIN_ACCOUNT_SLOW_AFTER: '10000',
    ACCESS_TOKEN_SECONDS: '86400',
  };
  return { work, temporalPort, uiPort, pgPort, apiPort, adminPassword, env };
}

/**
 * The memory settings of the API and the worker, the same defaults as command 1 (scripts/start.sh) and
 * docker-compose.yml (README: Memory); each can be overridden from the environment the bench runs in.
 */
export function memoryEnv(kind) {
  const e = process.env;
  const flags =
    kind === 'api'
      ? (e.API_NODE_OPTIONS ?? '--max-old-space-size=256 --max-semi-space-size=4')
      : (e.WORKER_NODE_OPTIONS ?? '--max-old-space-size=384 --max-semi-space-size=2');
  return {
    NODE_OPTIONS: [e.NODE_OPTIONS, flags].filter(Boolean).join(' '),
    MIMALLOC_PURGE_DELAY: e.MIMALLOC_PURGE_DELAY ?? '0',
    MALLOC_ARENA_MAX: e.MALLOC_ARENA_MAX ?? '2',
    MALLOC_MMAP_THRESHOLD_: e.MALLOC_MMAP_THRESHOLD_ ?? '131072',
    MALLOC_TRIM_THRESHOLD_: e.MALLOC_TRIM_THRESHOLD_ ?? '131072',
  };
}

/** Children in their own process group (as scripts/lib/common.sh spawns them), output kept in memory. */
export const children = [];
export function startChild(name, command, args, env) {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d) => {
    out += d.toString();
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
    tail: (n = 30) => out.split('\n').slice(-n).join('\n'),
  };
  child.once('exit', () => (entry.exited = true));
  children.push(entry);
  return entry;
}

export async function stopChildren() {
  // The API and the workers first, then the servers they use.
  for (const group of [
    ['api', 'worker', 'raw worker'],
    ['temporal', 'postgres'],
  ]) {
    await Promise.all(
      children
        .filter((c) => group.includes(c.name) && !c.exited)
        .map(
          (c) =>
            new Promise((resolve) => {
              const kill = setTimeout(() => {
                try {
                  process.kill(-c.pid, 'SIGKILL');
                } catch {
                  // already gone
                }
              }, 10_000);
              c.child.once('exit', () => {
                clearTimeout(kill);
                resolve();
              });
              try {
                process.kill(-c.pid, 'SIGTERM');
              } catch {
                clearTimeout(kill);
                resolve();
              }
            }),
        ),
    );
  }
}

/** KiB from a line of /proc/<pid>/status ("VmRSS:  12345 kB"). */
export function procStatus(pid, field) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${field}:`));
    return line ? Number(line.split(/\s+/)[1]) : 0;
  } catch {
    return 0;
  }
}

/** Polls the RSS of the named processes every 200 ms while a measurement runs; answers the peak of each (MiB). */
export function rssSampler(procs) {
  const peak = Object.fromEntries(procs.map((p) => [p.name, 0]));
  const sample = () => {
    for (const p of procs) peak[p.name] = Math.max(peak[p.name], procStatus(p.pid, 'VmRSS') / 1024);
  };
  sample();
  const timer = setInterval(sample, 200);
  return () => {
    clearInterval(timer);
    sample();
    return peak;
  };
}

/**
 * CPU seconds (user + system, reaped children included) of a child started by `startChild` and all its descendants:
 * its process group, and what those processes started in sessions of their own (PostgreSQL's backends).
 */
export function cpuOfGroup(pgid) {
  const procs = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // The command name may hold spaces and parentheses: fields are counted after its closing one.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    procs.push({
      pid: Number(entry),
      ppid: Number(f[1]),
      pgrp: Number(f[2]),
      ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]),
    });
  }
  const mine = new Set(procs.filter((p) => p.pgrp === pgid).map((p) => p.pid));
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs)
      if (!mine.has(p.pid) && mine.has(p.ppid)) {
        mine.add(p.pid);
        grew = true;
      }
  }
  const tick = 100; // USER_HZ on Linux
  return procs.filter((p) => mine.has(p.pid)).reduce((n, p) => n + p.ticks, 0) / tick;
}

/** CPU seconds each named process group spends between the call and the returned function's call. */
export function cpuMeter(procs) {
  const before = Object.fromEntries(procs.map((p) => [p.name, cpuOfGroup(p.pid)]));
  return () => Object.fromEntries(procs.map((p) => [p.name, cpuOfGroup(p.pid) - before[p.name]]));
}

export const loadavg = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

// ---------------------------------------------------------------- HTTP

/** The API's base URL, set once it listens. */
let api = '';

/** Sets the API's base URL (once it listens); `apiUrl()` reads it. */
export function setApi(url) {
  api = url;
}
export const apiUrl = () => api;

/** HTTP requests sent so far by method, re-sends included (the year's reads are mostly the drivers' polls). */
export const sentRequests = {};
const counted = (method, send) => {
  sentRequests[method] = (sentRequests[method] ?? 0) + 1;
  return send();
};

/** One POST/PUT/GET; a 202 REQUEST_IN_PROGRESS or a 503 with Retry-After is re-sent, as a client does. */
export async function call(method, route, token, body, { expect = [200] } = {}) {
  const headers = { ...(token ? { authorization: `Bearer ${token}` } : {}) };
  let payload;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  // A request that changes something carries its own id from the first send, as a careful client's does: whatever
  // answer was lost (a 503 of a swamped server, a 202), sending it again is the same request, never a second one.
  let requestId = method === 'GET' ? undefined : randomUUID();
  if (requestId) headers['x-request-id'] = requestId;
  let resends = 0;
  let res = await counted(method, () => fetch(api + route, { method, headers, body: payload }));
  let json = await res.json().catch(() => ({}));
  // A 202 is re-sent with its request id; a 503 with Retry-After (a sheet still opening, a swamped worker) after that
  // many seconds, as a client does; both are counted as re-sends, not errors.
  while (((res.status === 202 && json?.requestId) || (res.status === 503 && json?.retryAfterSeconds)) && resends < 30) {
    resends++;
    requestId = json.requestId ?? requestId;
    await sleep(1000 * Number(json.retryAfterSeconds ?? 1));
    // Re-sent willing to wait as long as the API allows (Prefer: wait=25), as the web client does: one held request
    // instead of one every 12 s.
    const again = requestId ? { ...headers, 'x-request-id': String(requestId), prefer: 'wait=25' } : headers;
    res = await counted(method, () => fetch(api + route, { method, headers: again, body: payload }));
    json = await res.json().catch(() => ({}));
  }
  if (!expect.includes(res.status)) {
    const error = new Error(`${method} ${route}: ${res.status} ${JSON.stringify(json).slice(0, 400)}`);
    error.status = res.status;
    throw error;
  }
  return { body: json, resends };
}

export async function pool(items, concurrency, fn) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i], i);
      }
    }),
  );
  return results;
}

// ---------------------------------------------------------------- statistics

export const percentile = (values, p) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
export const median = (values) => percentile(values, 50);

/** Latencies (ms) by step kind, errors, re-sends. */
export class Recorder {
  constructor() {
    this.latencies = new Map();
    this.errors = [];
    this.resends = 0;
    this.steps = 0;
  }
  async step(kind, fn) {
    const start = performance.now();
    try {
      const out = await fn();
      this.resends += out?.resends ?? 0;
      return out;
    } catch (error) {
      this.errors.push(`${kind}: ${error.message}`);
      error.counted = true;
      throw error;
    } finally {
      this.steps++;
      const list = this.latencies.get(kind) ?? [];
      list.push(performance.now() - start);
      this.latencies.set(kind, list);
    }
  }
}

/**
 * Open loop: calls `sends[i]()` at i / rate seconds from the start (all at once when rate is Infinity), whether or not
 * earlier calls answered; a latency runs from the call's scheduled time, so queueing behind slow answers shows.
 * Answers the latencies (ms), errors, re-sends, the achieved arrival rate (per second, between the first and the last
 * send) and the drain time (s, first send to last answer).
 */
export async function openLoop(sends, rate) {
  const start = performance.now();
  const latencies = [];
  const errors = [];
  const sent = [];
  let resends = 0;
  let lastAnswer = 0;
  await Promise.all(
    sends.map(async (send, i) => {
      const at = Number.isFinite(rate) ? (i * 1000) / rate : 0;
      const wait = start + at - performance.now();
      if (wait > 0) await sleep(wait);
      sent.push(performance.now() - start);
      try {
        resends += (await send())?.resends ?? 0;
      } catch (error) {
        errors.push(String(error?.message ?? error));
      }
      const answered = performance.now() - start;
      latencies.push(answered - at);
      lastAnswer = Math.max(lastAnswer, answered);
    }),
  );
  const first = Math.min(...sent);
  const last = Math.max(...sent);
  return {
    n: sends.length,
    latencies,
    errors,
    resends,
    rate: sends.length > 1 && last > first ? ((sends.length - 1) * 1000) / (last - first) : NaN,
    drain: (lastAnswer - first) / 1000,
  };
}
