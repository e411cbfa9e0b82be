#!/usr/bin/env node
// `npm run bench:round -- [--items N] [--batch B]`: the province's award round (issue 15) with N line items (default
// 1,000) driven through the public API, measured beside Temporal itself in one invocation. Starts its own Temporal dev
// server and embedded PostgreSQL on free ports, the migrations and the demo seed's admins, the API and a worker as child
// processes (as scripts/bench-year.mjs does); builds a province through the API (rule sets, one organisation workbook
// with N agencies and the board's, chairman's and council's accounts, invitations, logins, the council's members); then
// the round: opened, N direct proposals in lists of B, appraised in lists of B, the list approved by the head of the
// board, a council session adjourned below quorum, a second that votes in lists of B and closes, the chairman's
// decisions in lists of B. The baseline, in the same invocation on the same dev server: a minimal workflow
// (scripts/bench/raw-workflow.ts) receiving as many updates, in the same order, each carrying the same request body.
// Prints one table. Asserts nothing about time; exits non-zero when a step failed or the round's counts are off.
//
// `--worker-raw` is internal: the same script run as the baseline's worker process.
/* global fetch, FormData, Blob, Buffer, performance */
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  RAW_QUEUE,
  RAW_STEP,
  Recorder,
  apiUrl,
  call,
  benchSetup,
  children,
  loadavg,
  median,
  percentile,
  pool,
  portOpen,
  procStatus,
  rssSampler,
  runRawWorker,
  setApi,
  startChild,
  memoryEnv,
  stopChildren,
  waitFor,
} from './bench/harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

// ---------------------------------------------------------------- options, processes, sampling

function options() {
  const args = process.argv.slice(2);
  const value = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    if (i < 0) return fallback;
    const n = Number(args[i + 1]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} takes a positive integer, got "${args[i + 1]}"`);
    return n;
  };
  const o = { items: value('items', 1000), batch: value('batch', 200) };
  // Every list must pass the API's limits (POST /direct/batch takes 500, the other lists 1,000).
  if (o.batch > 500) throw new Error('--batch must be at most 500');
  if (o.items < 10) throw new Error('--items must be at least 10');
  return { ...o, build: !args.includes('--no-build'), keep: args.includes('--keep-logs') };
}

/** Events and encoded bytes of one workflow's history. */
async function historyOf(client, workflowId) {
  const { temporal } = require('@temporalio/proto');
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  return { events: history.events.length, bytes: temporal.api.history.v1.History.encode(history).finish().length };
}

// ---------------------------------------------------------------- the round

const YEAR = 2025;
const DATES = { session1: '2026-01-12', session2: '2026-01-15', decision: '2026-01-20' };
const KINDS = [
  'open',
  'direct proposals (list)',
  'appraisal (list)',
  'head approval',
  'session open',
  'session end',
  'council votes (list)',
  'decision (list)',
];
const NOTE = 'Báo cáo thành tích chưa có xác nhận của cơ quan quản lý cấp trên';
const COUNCIL_REASON = 'Hội đồng không thống nhất đề nghị';
const DECISION_REASON = 'Đơn vị có cán bộ chủ chốt bị kỷ luật trong năm';

/** Item i's award and fate, fixed in advance so that the counts can be checked at the end. */
const plan = (i) => ({
  award: i % 10 < 3 ? 'CO_THI_DUA_TINH' : 'BANG_KHEN_CHU_TICH',
  recommended: i % 20 !== 19,
  passes: i % 25 !== 0,
  approved: i % 100 !== 7,
});

const chunks = (list, size) =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, k) => list.slice(k * size, (k + 1) * size));

/**
 * The round through the API, each step by the person entitled to it; every request body is kept, in order, for the
 * baseline to send the same.
 */
async function driveRound(ctx, opts, rec, sent) {
  const { tokens, provinceCode, agencies } = ctx;
  const board = (role) => tokens.get(`${role}.${provinceCode.toLowerCase()}`);
  const council = (n) => `hoidong.${provinceCode.toLowerCase()}.${n}`;
  const post = async (kind, route, token, body, expect = [200]) => {
    sent.push({ kind, body });
    return (await rec.step(kind, () => call('POST', route, token, body, { expect }))).body;
  };
  const opened = await post(
    'open',
    '/v1/rounds',
    board('truongphong'),
    { provinceCode, year: YEAR, targets: { CO_THI_DUA_TINH: 300, BANG_KHEN_CHU_TICH: 700 } },
    [201],
  );
  const r = `/v1/rounds/${encodeURIComponent(opened.roundId)}`;
  let round;
  for (const list of chunks(agencies, opts.batch)) {
    round = await post('direct proposals (list)', `${r}/direct/batch`, board('chuyenvien'), {
      proposals: list.map((a) => ({ proposer: a.name, unitCode: a.code, award: plan(a.index).award })),
    });
  }
  const indexOf = new Map(agencies.map((a) => [a.code, a.index]));
  const p = (item) => plan(indexOf.get(item.unitCode));
  for (const list of chunks(round.items, opts.batch)) {
    await post('appraisal (list)', `${r}/appraisal`, board('chuyenvien'), {
      opinions: list.map((i) =>
        p(i).recommended
          ? { itemId: i.id, recommend: true, note: 'Đủ điều kiện, tiêu chuẩn' }
          : { itemId: i.id, recommend: false, note: NOTE },
      ),
    });
  }
  round = await post('head approval', `${r}/appraisal/review`, board('truongphong'), { decision: 'APPROVE' });
  // Three of five members: below the award session's 80%, adjourned; then all five.
  await post('session open', `${r}/sessions`, board('truongphong'), {
    sessionDate: DATES.session1,
    present: [1, 2, 5].map(council),
  });
  await post('session end', `${r}/sessions/S1/end`, board('truongphong'), {
    end: 'ADJOURN',
    reason: 'Không đủ 80% thành viên dự họp',
  });
  await post('session open', `${r}/sessions`, board('truongphong'), {
    sessionDate: DATES.session2,
    present: [1, 2, 3, 4, 5].map(council),
  });
  const forCouncil = round.items.filter((i) => i.status === 'AWAITING_COUNCIL');
  for (const list of chunks(forCouncil, opts.batch)) {
    round = await post('council votes (list)', `${r}/sessions/S2/votes`, tokens.get(council(5)), {
      tallies: list.map((i) =>
        p(i).passes
          ? { itemId: i.id, votesFor: 5, votesAgainst: 0, invalid: 0 }
          : { itemId: i.id, votesFor: 2, votesAgainst: 3, invalid: 0, reason: COUNCIL_REASON },
      ),
    });
  }
  await post('session end', `${r}/sessions/S2/end`, board('truongphong'), { end: 'CLOSE' });
  const forDecision = round.items.filter((i) => i.status === 'AWAITING_DECISION');
  for (const [k, list] of chunks(forDecision, opts.batch).entries()) {
    round = await post('decision (list)', `${r}/decisions`, board('chutich'), {
      decisionNumber: `${k + 1}/QĐ-UBND`,
      decisionDate: DATES.decision,
      items: list.map((i) =>
        p(i).approved ? { itemId: i.id, approve: true } : { itemId: i.id, approve: false, reason: DECISION_REASON },
      ),
    });
  }
  return { roundId: opened.roundId, round };
}

/** The same updates, in the same order with the same bodies, to one minimal workflow. */
async function driveRaw(client, workflowId, sent, rec) {
  const [open, ...rest] = sent;
  const handle = await rec.step(open.kind, () =>
    client.workflow.start('rawYearWorkflow', { taskQueue: RAW_QUEUE, workflowId, args: [] }),
  );
  for (const [n, s] of rest.entries())
    await rec.step(s.kind, () =>
      handle.executeUpdate(RAW_STEP, { args: [{ kind: s.kind, body: s.body, last: n === rest.length - 1 }] }),
    );
  await handle.result();
}

/** What the round should hold: the plan's counts. */
function expectedCounts(n) {
  const counts = {};
  for (let i = 0; i < n; i++) {
    const p = plan(i);
    const status = !p.recommended ? 'NOT_RECOMMENDED' : !p.passes ? 'COUNCIL_REJECTED' : p.approved ? 'APPROVED' : 'REJECTED';
    counts[status] = (counts[status] ?? 0) + 1;
  }
  return counts;
}

// ---------------------------------------------------------------- main

async function main() {
  const opts = options();
  const t0 = performance.now();
  if (opts.build) execFileSync('node', [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  const { writeWorkbook } = require(path.join(root, 'dist/src/workbook/writer.js'));
  const { provinceIdentities } = require(path.join(root, 'dist/src/seed/identities.js'));
  const { demoRuleSets } = require(path.join(root, 'dist/src/domain/rule-sets.js'));
  const ExcelJS = require('exceljs');
  const { Client, Connection } = require('@temporalio/client');

  const { work, temporalPort, uiPort, pgPort, apiPort, adminPassword, env } = await benchSetup('thidua-bench-round-');
  let status = 1;
  const onSignal = () => {
    void stopChildren().then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    console.error(
      `bench:round: servers on free ports (Temporal ${temporalPort}, PostgreSQL ${pgPort}, API ${apiPort}); work dir ${work}`,
    );
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
    const worker = startChild('worker', 'node', ['dist/src/worker/main.js'], { ...env, ...memoryEnv('worker') });
    const rawWorker = startChild('raw worker', 'node', [fileURLToPath(import.meta.url), '--worker-raw'], env);
    const run = (script) =>
      new Promise((resolve, reject) => {
        execFile('node', [path.join(root, script)], { cwd: root, env: { ...process.env, ...env } }, (error, _out, err) =>
          error ? reject(new Error(`${script}: ${err || error.message}`)) : resolve(),
        );
      });
    await run('dist/src/db/run-migrations.js');
    await run('dist/src/seed/seed-demo.js');
    const apiProc = startChild('api', 'node', ['dist/src/api/main.js'], { ...env, ...memoryEnv('api') });
    setApi(`http://127.0.0.1:${apiPort}`);
    await waitFor(() => /worker: polling/.test(worker.output()), 'the worker', worker);
    await waitFor(() => /^raw worker: polling/m.test(rawWorker.output()), 'the raw worker', rawWorker);
    await waitFor(
      () =>
        fetch(`${apiUrl()}/v1/health`).then(
          (r) => r.status === 200,
          () => false,
        ),
      'the API',
      apiProc,
    );
    // A round's history can be tens of MiB: the client reads it in one message.
    const connection = await Connection.connect({
      address: env.TEMPORAL_ADDRESS,
      channelArgs: { 'grpc.max_receive_message_length': 256 * 1024 * 1024 },
    });
    const client = new Client({ connection, namespace: 'default' });
    const startup = (performance.now() - t0) / 1000;
    console.error(`bench:round: servers, API, worker and raw worker ready after ${startup.toFixed(0)} s`);

    // ---- 1. the province, through the API: rule sets, one workbook (agencies, accounts), invitations, the council
    const t1 = performance.now();
    const provinceCode = `ROUND${randomBytes(2).toString('hex').toUpperCase()}`;
    const login = async (username, password) =>
      (await call('POST', '/v1/auth/login', undefined, { username, password })).body.accessToken;
    const admin = await login('admin', adminPassword);
    const admin2 = await login('admin2', adminPassword);
    await call('POST', '/v1/provinces', admin, { code: provinceCode, name: 'Tỉnh đo hiệu năng đợt xét' }, { expect: [201] });
    // The province's quy chế as in the acceptance test: its council votes the Bằng khen too.
    for (const set of demoRuleSets(provinceCode)) {
      const awards = {
        ...set.rules.awards,
        BANG_KHEN_CHU_TICH: { ...set.rules.awards.BANG_KHEN_CHU_TICH, requiresCouncil: true },
      };
      await call(
        'POST',
        `/v1/provinces/${provinceCode}/rule-sets`,
        admin,
        { ...set, rules: { ...set.rules, awards } },
        { expect: [201] },
      );
    }
    const agencies = Array.from({ length: opts.items }, (_, index) => ({
      index,
      code: `${provinceCode}-CQ${String(index + 1).padStart(4, '0')}`,
      name: `Cơ quan, đơn vị số ${index + 1}`,
    }));
    const people = provinceIdentities(provinceCode, []).filter((p) => p.role !== 'ADMIN' && p.role !== 'AUDITOR');
    const file = await writeWorkbook({
      blocs: [],
      units: agencies.map((u) => ({ code: u.code, name: u.name, kind: 'NHA_NUOC', validFrom: `${YEAR}-01-01` })),
      memberships: [],
      leaderships: [],
      accounts: people.map((p) => ({ username: p.username, displayName: p.displayName, unitCode: null, role: p.role })),
    });
    const form = new FormData();
    form.append('file', new Blob([file]), 'to-chuc.xlsx');
    const preview = (await call('POST', `/v1/provinces/${provinceCode}/workbook/preview`, admin, form)).body;
    if (preview.problemCount !== 0) throw new Error(`workbook problems: ${JSON.stringify(preview.problems?.slice(0, 3))}`);
    const applied = (
      await call('POST', `/v1/provinces/${provinceCode}/workbook/apply`, admin, { previewToken: preview.previewToken })
    ).body;
    const grants = (await call('GET', '/v1/admin/role-grants', admin2)).body.filter((g) => g.provinceCode === provinceCode);
    for (const g of grants) await call('POST', `/v1/admin/role-grants/${g.id}/approve`, admin2);
    const sheet = new ExcelJS.Workbook();
    await sheet.xlsx.load(Buffer.from(applied.invitations.sheetBase64, 'base64'));
    const links = sheet.worksheets[0].getSheetValues().slice(2).filter(Boolean);
    const password = `mật-khẩu-đo-${randomBytes(6).toString('hex')}`;
    const tokens = new Map();
    // Setting the password signs the person in.
    await pool(links, 2, async (row) => {
      const accepted = await call('POST', '/v1/invitations/accept', undefined, { token: String(row[5]).split('#')[1], password });
      tokens.set(String(row[1]), accepted.body.accessToken);
    });
    const boardHead = tokens.get(`truongphong.${provinceCode.toLowerCase()}`);
    for (const n of [1, 2, 3, 4, 5]) {
      const councilRole = n === 1 ? 'CHU_TICH' : n === 2 ? 'PHO_CHU_TICH' : n === 5 ? 'THU_KY' : 'UY_VIEN';
      await call(
        'POST',
        '/v1/council-members',
        boardHead,
        {
          provinceCode,
          userId: `hoidong.${provinceCode.toLowerCase()}.${n}`,
          name: `Thành viên Hội đồng số ${n}`,
          councilRole,
          validFrom: `${YEAR}-01-01`,
        },
        { expect: [201] },
      );
    }
    const ctx = { tokens, provinceCode, agencies };
    const setup = { seconds: (performance.now() - t1) / 1000, accounts: links.length };
    console.error(`bench:round: province ${provinceCode} built through the API in ${setup.seconds.toFixed(0)} s`);

    const procs = [
      { name: 'API', pid: apiProc.pid },
      { name: 'worker', pid: worker.pid },
      { name: 'Temporal', pid: temporal.pid },
      { name: 'raw worker', pid: rawWorker.pid },
    ];
    const measure = async (fn) => {
      const before = loadavg();
      const stop = rssSampler(procs);
      const start = performance.now();
      const value = await fn();
      const seconds = (performance.now() - start) / 1000;
      return { value, seconds, rss: stop(), load: `${before} → ${loadavg()}` };
    };

    // ---- 2. the round, then the baseline with the same updates
    const sent = [];
    const thidua = await measure(async () => {
      const rec = new Recorder();
      try {
        return { rec, ...(await driveRound(ctx, opts, rec, sent)) };
      } catch (error) {
        if (!error.counted) rec.errors.push(String(error.message ?? error));
        return { rec };
      }
    });
    console.error(`bench:round: the round in ${thidua.seconds.toFixed(1)} s (${thidua.value.rec.steps} updates)`);
    const rawId = `raw-round-${provinceCode}`;
    const raw = await measure(async () => {
      const rec = new Recorder();
      try {
        await driveRaw(client, rawId, sent, rec);
      } catch (error) {
        if (!error.counted) rec.errors.push(String(error.message ?? error));
      }
      return { rec };
    });
    console.error(`bench:round: the baseline in ${raw.seconds.toFixed(1)} s`);

    // ---- 3. what the round holds, its history, the read of it
    const { roundId } = thidua.value;
    const problems = [...thidua.value.rec.errors, ...raw.value.rec.errors];
    let history = { events: NaN, bytes: NaN };
    let readMs = NaN;
    let readKiB = NaN;
    if (roundId) {
      history = await historyOf(client, roundId);
      const started = performance.now();
      const res = await fetch(`${apiUrl()}/v1/rounds/${encodeURIComponent(roundId)}`, {
        headers: { authorization: `Bearer ${boardHead}` },
      });
      const text = await res.text();
      readMs = performance.now() - started;
      readKiB = Buffer.byteLength(text) / 1024;
      const held = {};
      for (const item of JSON.parse(text).items) held[item.status] = (held[item.status] ?? 0) + 1;
      const want = expectedCounts(opts.items);
      if (JSON.stringify(Object.entries(held).sort()) !== JSON.stringify(Object.entries(want).sort()))
        problems.push(`the round holds ${JSON.stringify(held)}, the plan says ${JSON.stringify(want)}`);
    }
    const rawHistory = await historyOf(client, rawId).catch(() => ({ events: NaN, bytes: NaN }));
    const hwm = Object.fromEntries(procs.map((p) => [p.name, procStatus(p.pid, 'VmHWM') / 1024]));
    await connection.close();

    // ---- 4. one table
    const f = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
    const ratio = (a, b) => (Number.isFinite(a / b) && b > 0 ? `×${(a / b).toFixed(1)}` : '–');
    const rows = [];
    const row = (what, a, b, r = '') => rows.push([what, a, b, r]);
    row(
      `wall time of the round (s), ${opts.items} items`,
      f(thidua.seconds, 2),
      f(raw.seconds, 2),
      ratio(thidua.seconds, raw.seconds),
    );
    row('updates (start included)', String(thidua.value.rec.steps), String(raw.value.rec.steps), '');
    for (const kind of KINDS) {
      const y = thidua.value.rec.latencies.get(kind) ?? [];
      const w = raw.value.rec.latencies.get(kind) ?? [];
      if (y.length === 0 && w.length === 0) continue;
      row(
        `${kind}: p50 / p99 (ms), n=${y.length}`,
        `${f(median(y), 0)} / ${f(percentile(y, 99), 0)}`,
        `${f(median(w), 0)} / ${f(percentile(w, 99), 0)}`,
        ratio(median(y), median(w)),
      );
    }
    row('errors (refused or failed steps)', String(thidua.value.rec.errors.length), String(raw.value.rec.errors.length), '');
    row('202 re-sends (workflow slow to answer)', String(thidua.value.rec.resends), '', '');
    row('round history: events', String(history.events), String(rawHistory.events), ratio(history.events, rawHistory.events));
    row('round history: KiB', f(history.bytes / 1024, 0), f(rawHistory.bytes / 1024, 0), ratio(history.bytes, rawHistory.bytes));
    row(`GET /v1/rounds/:id after the round: ms / KiB`, `${f(readMs, 0)} / ${f(readKiB, 0)}`, '', '');
    for (const name of ['API', 'worker', 'Temporal'])
      row(
        `peak RSS of ${name} during the round (MiB)`,
        f(thidua.rss[name], 0),
        name === 'worker' ? `${f(raw.rss['raw worker'], 0)} (raw worker)` : name === 'Temporal' ? f(raw.rss.Temporal, 0) : '',
        name === 'worker' ? ratio(thidua.rss.worker, raw.rss['raw worker']) : '',
      );
    row('VmHWM since start (MiB): API / worker / Temporal / raw worker', procs.map((p) => f(hwm[p.name], 0)).join(' / '), '', '');
    row('load average 1/5/15 min: before → after', thidua.load, raw.load, '');

    console.log(
      `\nThe province's award round beside Temporal itself — ${opts.items} line items in lists of ${opts.batch}; ` +
        `${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}; ` +
        `start-up ${f(startup, 0)} s, province built through the API in ${f(setup.seconds, 1)} s (${setup.accounts} accounts)`,
    );
    console.log(
      '"raw" is a minimal workflow (scripts/bench/raw-workflow.ts) on the same dev server, sent the same updates with the same bodies.\n',
    );
    console.log('| measure | thidua (API) | raw Temporal | ratio |');
    console.log('| --- | ---: | ---: | ---: |');
    for (const r of rows) console.log(`| ${r.join(' | ')} |`);
    if (problems.length > 0) {
      console.error(`\nbench:round: the round did not complete as planned (${problems.length} problems):`);
      for (const p of problems.slice(0, 10)) console.error(`  ${p}`);
      status = 1;
    } else status = 0;
  } catch (error) {
    console.error(`bench:round: ${error instanceof Error ? error.stack : String(error)}`);
    for (const c of children)
      if (c.name === 'api' || c.name === 'worker') console.error(`--- end of the ${c.name} log:\n${c.tail(20)}`);
    status = 1;
  } finally {
    const stopping = performance.now();
    await stopChildren();
    console.error(`bench:round: servers and processes stopped in ${((performance.now() - stopping) / 1000).toFixed(1)} s`);
    if (status !== 0) {
      const worker = children.find((c) => c.name === 'worker');
      const lines = (worker?.output() ?? '').split('\n').filter((l) => /fail|deadlock|error|warn/i.test(l));
      if (lines.length > 0)
        console.error(`--- the worker's warnings and errors (last 15 of ${lines.length}):\n${lines.slice(-15).join('\n')}`);
    }
    if (opts.keep) {
      for (const c of children) writeFileSync(path.join(work, `${c.name.replace(/\W+/g, '-')}.log`), c.output());
      console.error(`bench:round: logs kept in ${work}`);
    } else rmSync(work, { recursive: true, force: true });
  }
  process.exit(status);
}

// Last: the module's constants above are initialised by then.
if (process.argv.includes('--worker-raw')) await runRawWorker();
else await main();
