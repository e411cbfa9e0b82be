#!/usr/bin/env node
// `npm run bench -- --blocs N --units U [--runs R] [--probe P] [--assessments-rate A] [--sweep U1,U2,…]`: a
// province's year measured beside Temporal itself, in one invocation. Starts its own Temporal dev server and embedded
// PostgreSQL on free ports (as command 2 does), the migrations and the demo seed's admins (as command 1 does), the API
// and a worker as child processes; builds a province of N blocs × U units through the API (organisation workbook,
// invitations, logins) and drives every bloc's whole year through HTTP with scripted actors in parallel. The baseline
// runs in the same invocation on the same dev server: a minimal workflow (scripts/bench/raw-workflow.ts, bundled by its
// own worker process) receiving the same updates in the same groups with the same concurrency; before the year, two
// single-step latency probes on a quiet system. After the year, self-assessments on fresh cycles (two sets of N × U
// more units, brought to SELF_ASSESSMENT): one focal person's submit per unit, sent open loop at A a second (default
// 24; latency from each one's scheduled time), then as many at once on the other set (drain time); the baseline sends
// the same schedule of updates to one minimal workflow per unit; `--assessments-rate 0` skips both phases and their
// blocs. `--sweep`: one more year of N blocs for each listed size, for the cost per step by bloc size (a second
// table). Every bloc of every phase is built in the one workbook at set-up.
// Prints the tables. Asserts nothing about time; exits non-zero when a year did not complete or any step failed.
//
// `--worker-raw` is internal: the same script run as the baseline's worker process.
/* global fetch, FormData, Blob, Buffer, performance */
import { execFile, execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
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
  cpuMeter,
  loadavg,
  median,
  openLoop,
  percentile,
  pool,
  portOpen,
  procStatus,
  rssSampler,
  runRawWorker,
  setApi,
  sleep,
  sentRequests,
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
  const o = { blocs: value('blocs', 2), units: value('units', 5), runs: value('runs', 1), probe: value('probe', 30) };
  // Two leader candidates, a deputy candidate, a flag and two Bằng khen nominees: at least four units.
  if (o.units < 4) throw new Error('--units must be at least 4');
  const rateAt = args.indexOf('--assessments-rate');
  const assessmentsRate = rateAt < 0 ? 24 : Number(args[rateAt + 1]);
  // 0 skips the self-assessments' phases and their blocs.
  if (!Number.isFinite(assessmentsRate) || assessmentsRate < 0)
    throw new Error(`--assessments-rate takes a number per second (0: none), got "${args[rateAt + 1]}"`);
  const sweepAt = args.indexOf('--sweep');
  const sweep =
    sweepAt < 0
      ? []
      : [
          ...new Set(
            String(args[sweepAt + 1])
              .split(',')
              .map(Number),
          ),
        ];
  if (sweep.some((u) => !Number.isInteger(u) || u < 4))
    throw new Error(`--sweep takes unit counts of at least 4, comma-separated, got "${args[sweepAt + 1]}"`);
  const profile = args.includes('--cpu-prof');
  return {
    ...o,
    assessmentsRate,
    sweep,
    build: !args.includes('--no-build'),
    keep: profile || args.includes('--keep-logs'),
    profile,
  };
}

// ---------------------------------------------------------------- the year, the same shape for both

/**
 * The updates of one bloc-year in the order and groups the actors send them: each group runs its chains side by
 * side, each chain's steps one after the other. The thidua driver follows it through the API; the baseline sends
 * the same to its minimal workflow.
 */
function yearShape(units) {
  const par = (chain) => Array.from({ length: units }, () => chain);
  return [
    [['launch']],
    par(['pledge']),
    par(['assessment submit', 'assessment approval', 'assessment review']),
    [['conference']],
    [['ballot open']],
    par(['ballot vote']),
    [['ballot close']],
    [['dossier']],
    [['dossier review']],
    [['appraisal']],
    [['appraisal approval']],
    [['council vote']],
    [['decision']],
  ];
}

const YEAR = 2024;
// The dates of the acceptance fixture T3 (Tây Ninh 2024: conference in March of the following year, before 01/07/2025).
const DATES = {
  launch: '2024-01-20',
  pledgeDeadline: '2024-02-28T10:00:00.000Z',
  pledge: '2024-02-10',
  submitted: '2025-02-27',
  approved: '2025-02-28',
  accepted: '2025-03-01',
  selfAssessmentDeadline: '2025-03-04T10:00:00.000Z',
  conference: '2025-03-11',
  toTrinh: '2025-03-14',
  council: '2025-04-08',
  decision: '2025-04-15',
};
const CRITERIA = [
  { code: 'TC1', name: 'Thực hiện nhiệm vụ chính trị được giao', maxPoints: 40, evidenceRequired: true },
  { code: 'TC2', name: 'Công tác xây dựng tổ chức, đoàn kết nội bộ', maxPoints: 30, evidenceRequired: false },
  { code: 'TC3', name: 'Tham gia hoạt động chung của khối', maxPoints: 30, evidenceRequired: false },
];

/** The province's people by role: a unit's head and focal person, the board's roles. */
function actors(ctx) {
  const { tokens, provinceCode } = ctx;
  return {
    head: (u) => tokens.get(`head.${u.toLowerCase()}`),
    focal: (u) => tokens.get(`focal.${u.toLowerCase()}`),
    board: (role) => tokens.get(`${role}.${provinceCode.toLowerCase()}`),
  };
}

/**
 * Polls a cycle through the read model until it reaches `phase`, unless the view a step answered (`answered`, the
 * latest of the bloc's) shows it already: a person's page shows the answer it got before it reloads anything.
 */
async function waitPhase(ctx, bloc, c, phase, answered) {
  if (answered?.phase === phase) return answered;
  const until = Date.now() + 300_000;
  // Each read waits (up to 20 s) for the cycle to change after the view the driver has, as a client following a cycle
  // does: one read per change, not a poll every 100 ms.
  for (let after = 0; ;) {
    const { body } = await call('GET', `${c}?after=${after}&waitSeconds=20`, ctx.admin);
    if (body.phase === phase) return body;
    if (Date.now() > until) throw new Error(`${bloc.code}: no ${phase} after 300 s (phase ${body.phase})`);
    after = body.changeMark;
  }
}

/** The newest of the views some steps answered (the highest version). */
const latestView = (answers) =>
  answers.map((a) => a.body).reduce((a, b) => ((b?.version ?? 0) > (a?.version ?? 0) ? b : a), undefined);

/** Starts a bloc's cycle, launches it and pledges every unit; answers the cycle's route once in SELF_ASSESSMENT. */
async function openCycle(ctx, bloc, rec) {
  const { head, board } = actors(ctx);
  const post = (kind, route, token, body, expect = [200]) => rec.step(kind, () => call('POST', route, token, body, { expect }));
  const started = await post(
    'start',
    '/v1/cycles',
    board('truongphong'),
    { provinceCode: ctx.provinceCode, blocCode: bloc.code, year: YEAR, mode: 'RECORD' },
    [201],
  );
  const id = started.body.cycleId;
  const c = `/v1/cycles/${encodeURIComponent(id)}`;
  await post('launch', `${c}/launch`, head(bloc.units[0]), {
    plan: `Kế hoạch thi đua năm ${YEAR} của ${bloc.name}`,
    pledgeText: `Các đơn vị thành viên ${bloc.name} cam kết thực hiện thắng lợi nhiệm vụ chính trị năm ${YEAR}`,
    criteria: CRITERIA,
    pledgeDeadline: DATES.pledgeDeadline,
    selfAssessmentDeadline: DATES.selfAssessmentDeadline,
    occurredOn: DATES.launch,
  });
  const pledged = await Promise.all(bloc.units.map((u) => post('pledge', `${c}/pledges`, head(u), { occurredOn: DATES.pledge })));
  await waitPhase(ctx, bloc, c, 'SELF_ASSESSMENT', latestView(pledged));
  return { id, c };
}

/** The focal person's self-assessment submit of the i-th unit `u` of a cycle: its route, token and body. */
function selfAssessment(ctx, c, u, i) {
  const scores = [39 - (i % 8), 28 - (i % 5), 28 - (i % 3)].map((points, k) => ({
    criterionCode: CRITERIA[k].code,
    points,
    evidenceRefs: CRITERIA[k].evidenceRequired ? [`bao-cao-tu-cham-${u.toLowerCase()}-${YEAR}.pdf`] : [],
  }));
  return {
    route: `${c}/units/${encodeURIComponent(u)}/assessment`,
    token: actors(ctx).focal(u),
    body: { scores, occurredOn: DATES.submitted },
  };
}

/** Drives one bloc's year through the API; every step by the person entitled to it. */
async function driveBloc(ctx, bloc, rec) {
  const { head, board } = actors(ctx);
  const [u1, u2, u3, u4, u5] = bloc.units;
  const leader = head(u1);
  const post = (kind, route, token, body, expect = [200]) => rec.step(kind, () => call('POST', route, token, body, { expect }));
  const { id, c } = await openCycle(ctx, bloc, rec);
  await Promise.all(
    bloc.units.map(async (u, i) => {
      const submit = selfAssessment(ctx, c, u, i);
      const a = submit.route;
      await post('assessment submit', a, submit.token, submit.body);
      await post('assessment approval', `${a}/approval`, head(u), { occurredOn: DATES.approved });
      // The Trưởng khối's own sheet is reviewed by the Phó khối (recusal).
      await post('assessment review', `${a}/review`, u === u1 ? head(u2) : leader, {
        decision: 'ACCEPT',
        occurredOn: DATES.accepted,
      });
    }),
  );
  await waitPhase(ctx, bloc, c, 'CONFERENCE');
  await post('conference', `${c}/conference`, leader, {
    heldOn: DATES.conference,
    location: `Hội trường ${bloc.name}`,
    presentUnits: bloc.units,
  });
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  await post('ballot open', `${c}/ballot`, leader, {
    tellerKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    candidates: { CO_THI_DUA_TINH: [u1], BANG_KHEN_CHU_TICH: [u2, u3] },
    leaderCandidates: [u2, u3],
    deputyCandidates: u5 ? [u4, u5] : [u4],
  });
  await Promise.all(
    bloc.units.map((u) =>
      post('ballot vote', `${c}/ballot/votes`, head(u), {
        choices: { CO_THI_DUA_TINH: [u1], BANG_KHEN_CHU_TICH: [u2, u3] },
        nextLeader: u2,
        nextDeputy: u4,
        receiptSecret: randomBytes(16).toString('base64url'),
      }),
    ),
  );
  const closed = await post('ballot close', `${c}/ballot/close`, leader, {
    tellerPrivateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  });
  if (closed.body.ballot?.status !== 'CLOSED')
    throw new Error(`${bloc.code}: the ballot did not close: ${JSON.stringify(closed.body.ballot)}`);
  await waitPhase(ctx, bloc, c, 'SUBMISSION', closed.body);
  const nominated = [...new Set(closed.body.nominees.map((n) => n.unitCode))];
  await post('dossier', `${c}/dossier`, leader, {
    toTrinh: { number: `${bloc.index + 1}/TTr-KTĐ`, date: DATES.toTrinh, documentRef: `to-trinh-${bloc.code.toLowerCase()}.pdf` },
    achievementReports: nominated.map((unitCode) => ({
      unitCode,
      title: `Báo cáo thành tích năm ${YEAR} của đơn vị ${unitCode}`,
      documentRef: `bao-cao-thanh-tich-${unitCode.toLowerCase()}-${YEAR}.pdf`,
    })),
  });
  const reviewed = await post('dossier review', `${c}/dossier/review`, board('chuyenvien'), {
    decision: 'ACCEPT',
    occurredOn: DATES.toTrinh,
  });
  await post('appraisal', `${c}/appraisal`, board('chuyenvien'), {
    opinions: reviewed.body.nominees.map((n) => ({
      nomineeId: n.id,
      recommend: true,
      note: 'Đủ điều kiện, tiêu chuẩn; hồ sơ đầy đủ theo quy định',
    })),
    occurredOn: DATES.toTrinh,
  });
  let state = (
    await post('appraisal approval', `${c}/appraisal/approval`, board('truongphong'), {
      decision: 'APPROVE',
      occurredOn: DATES.toTrinh,
    })
  ).body;
  const awaiting = (status) => state.nominees.filter((n) => n.status === status);
  if (awaiting('AWAITING_COUNCIL').length > 0) {
    state = (
      await post('council vote', `${c}/council-vote`, board('truongphong'), {
        sessionDate: DATES.council,
        membersTotal: 15,
        membersPresent: 13,
        votes: awaiting('AWAITING_COUNCIL').map((n) => ({ nomineeId: n.id, votesFor: 12 })),
      })
    ).body;
  }
  const decided = await post('decision', `${c}/decisions`, board('chutich'), {
    decisionNumber: `${100 + bloc.index}/QĐ-UBND`,
    decisionDate: DATES.decision,
    items: awaiting('AWAITING_DECISION').map((n) => ({ nomineeId: n.id, approve: true })),
  });
  const done = await waitPhase(ctx, bloc, c, 'COMPLETED', decided.body);
  const awarded = done.nominees.filter((n) => n.status === 'APPROVED').length;
  if (awarded !== 3)
    throw new Error(
      `${bloc.code}: ${awarded} awards instead of 3: ${JSON.stringify(done.nominees.map((n) => [n.unitCode, n.award, n.status]))}`,
    );
  return id;
}

/** The same groups of updates, sent to one minimal workflow per bloc. */
async function driveRawBloc(client, workflowId, units, rec, type = 'rawYearWorkflow') {
  const handle = await rec.step('start', () => client.workflow.start(type, { taskQueue: RAW_QUEUE, workflowId }));
  const shape = yearShape(units);
  for (const [g, group] of shape.entries()) {
    const last = g === shape.length - 1;
    await Promise.all(
      group.map(async (chain) => {
        for (const kind of chain) await rec.step(kind, () => handle.executeUpdate(RAW_STEP, { args: [{ kind, last }] }));
      }),
    );
  }
  await handle.result();
}

/** Events, encoded bytes and Temporal work (counted by event type) of a workflow's history and its children's. */
async function historyOf(client, workflowId) {
  const { temporal } = require('@temporalio/proto');
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  if (process.env.BENCH_HISTORY_DUMP) {
    const { historyToJSON } = require('@temporalio/common/lib/proto-utils');
    mkdirSync(process.env.BENCH_HISTORY_DUMP, { recursive: true });
    writeFileSync(path.join(process.env.BENCH_HISTORY_DUMP, `${workflowId}.json`), historyToJSON(history));
  }
  const type = temporal.api.enums.v1.EventType;
  const work = { tasks: 0, activities: 0, markers: 0, timers: 0, signals: 0, upserts: 0, updates: 0 };
  const counted = {
    [type.EVENT_TYPE_WORKFLOW_TASK_COMPLETED]: 'tasks',
    [type.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED]: 'activities',
    [type.EVENT_TYPE_MARKER_RECORDED]: 'markers',
    [type.EVENT_TYPE_TIMER_STARTED]: 'timers',
    [type.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED]: 'signals',
    [type.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES]: 'upserts',
    [type.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED]: 'updates',
  };
  let events = history.events.length;
  let bytes = temporal.api.history.v1.History.encode(history).finish().length;
  let workflows = 1;
  // Bytes and events by (workflow type, event type): where a bloc-year's history goes.
  const kinds = new Map();
  const workflowType = history.events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? 'unknown';
  for (const e of history.events) {
    const key = counted[e.eventType];
    if (key) work[key]++;
    const kind = `${workflowType} ${type[e.eventType]?.replace('EVENT_TYPE_', '') ?? e.eventType}`;
    const k = kinds.get(kind) ?? { events: 0, bytes: 0 };
    k.events++;
    k.bytes += temporal.api.history.v1.HistoryEvent.encode(e).finish().length;
    kinds.set(kind, k);
    const childId = e.childWorkflowExecutionStartedEventAttributes?.workflowExecution?.workflowId;
    if (!childId) continue;
    const child = await historyOf(client, childId);
    events += child.events;
    bytes += child.bytes;
    workflows += child.workflows;
    for (const k of Object.keys(work)) work[k] += child.work[k];
    for (const [kind, v] of child.kinds) {
      const k = kinds.get(kind) ?? { events: 0, bytes: 0 };
      k.events += v.events;
      k.bytes += v.bytes;
      kinds.set(kind, k);
    }
  }
  return { events, bytes, workflows, work, kinds };
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

  const { work, temporalPort, uiPort, pgPort, apiPort, adminPassword, env } = await benchSetup('thidua-bench-');
  let status = 1;
  const onSignal = () => {
    void stopChildren().then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    console.error(
      `bench: servers on free ports (Temporal ${temporalPort}, PostgreSQL ${pgPort}, API ${apiPort}); work dir ${work}`,
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
    console.error(`bench: Temporal and PostgreSQL up after ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    // The raw worker bundles its workflow (seconds of CPU; the worker loads the bundle npm run build wrote) while the
    // migrations and the seed run; the API starts last.
    // --cpu-prof: V8 CPU profiles of the API and the worker, written to the work dir (kept) when they exit.
    const prof = (name) => (opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(work, 'profiles', name)}`] : []);
    const worker = startChild('worker', 'node', [...prof('worker'), 'dist/src/worker/main.js'], {
      ...env,
      ...memoryEnv('worker'),
    });
    const rawWorker = startChild('raw worker', 'node', [fileURLToPath(import.meta.url), '--worker-raw'], env);
    const run = (script) =>
      new Promise((resolve, reject) => {
        execFile('node', [path.join(root, script)], { cwd: root, env: { ...process.env, ...env } }, (error, _out, err) =>
          error ? reject(new Error(`${script}: ${err || error.message}`)) : resolve(),
        );
      });
    await run('dist/src/db/run-migrations.js');
    // The demo seed gives the system's admins (admin, admin2), as command 1 does; the province is made below.
    await run('dist/src/seed/seed-demo.js');
    const apiProc = startChild('api', 'node', [...prof('api'), 'dist/src/api/main.js'], { ...env, ...memoryEnv('api') });
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
    const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
    const client = new Client({ connection, namespace: 'default' });
    const startup = (performance.now() - t0) / 1000;
    console.error(`bench: servers, API, worker and raw worker ready after ${startup.toFixed(0)} s`);

    // ---- 1. the province, through the API
    const t1 = performance.now();
    const provinceCode = `BENCH${randomBytes(2).toString('hex').toUpperCase()}`;
    const login = async (username, password) =>
      (await call('POST', '/v1/auth/login', undefined, { username, password })).body.accessToken;
    const admin = await login('admin', adminPassword);
    const admin2 = await login('admin2', adminPassword);
    await call('POST', '/v1/provinces', admin, { code: provinceCode, name: 'Tỉnh đo hiệu năng' }, { expect: [201] });
    for (const set of demoRuleSets(provinceCode)) {
      await call('POST', `/v1/provinces/${provinceCode}/rule-sets`, admin, set, { expect: [201] });
    }
    const blocOf = (code, name, index, units) => ({
      code,
      name,
      index,
      units: Array.from({ length: units }, (_, u) => `${provinceCode}-${code}-U${String(u + 1).padStart(2, '0')}`),
    });
    const runs = Array.from({ length: opts.runs }, (_, r) =>
      Array.from({ length: opts.blocs }, (_, b) => {
        const code = `K${r + 1}-${String(b + 1).padStart(3, '0')}`;
        return blocOf(code, `Khối thi đua số ${b + 1} (lượt ${r + 1})`, b, opts.units);
      }),
    );
    // A bloc of its own for the single-step probe, run before the year with nothing else going on.
    const probeBloc = blocOf('DO', 'Khối thi đua đo độ trễ', 0, 4);
    // Fresh cycles for the self-assessments' two phases (open loop, then all at once), as many units as the year's.
    const assessmentSets = (opts.assessmentsRate > 0 ? ['TA', 'TB'] : []).map((set, s) =>
      Array.from({ length: opts.blocs }, (_, b) =>
        blocOf(`${set}-${String(b + 1).padStart(3, '0')}`, `Khối tự chấm điểm ${s + 1}.${b + 1}`, 50 + b, opts.units),
      ),
    );
    // --sweep: N blocs of each size, built with the rest so the province is made once.
    const sweepBlocs = opts.sweep.map((size, k) => ({
      size,
      blocs: Array.from({ length: opts.blocs }, (_, b) =>
        blocOf(`S${size}-${String(b + 1).padStart(3, '0')}`, `Khối ${size} đơn vị số ${b + 1}`, 100 + k * opts.blocs + b, size),
      ),
    }));
    const blocs = [...runs.flat(), probeBloc, ...assessmentSets.flat(), ...sweepBlocs.flatMap((x) => x.blocs)];
    const units = blocs.flatMap((b) => b.units.map((code) => ({ code, name: `Đơn vị ${code.slice(provinceCode.length + 1)}` })));
    const people = provinceIdentities(provinceCode, units).filter((p) => p.role !== 'ADMIN' && p.role !== 'AUDITOR');
    const file = await writeWorkbook({
      blocs: blocs.map((b) => ({ code: b.code, name: b.name, kind: 'KHOI', fromYear: YEAR, toYear: null })),
      units: units.map((u) => ({ code: u.code, name: u.name, kind: 'HOI', validFrom: `${YEAR}-01-01` })),
      memberships: blocs.flatMap((b) =>
        b.units.map((unitCode) => ({ blocCode: b.code, unitCode, validFrom: `${YEAR}-01-01`, validTo: null })),
      ),
      leaderships: blocs.map((b) => ({ blocCode: b.code, year: YEAR, leaderUnitCode: b.units[0], deputyUnitCode: b.units[1] })),
      accounts: people.map((p) => ({
        username: p.username,
        displayName: p.displayName,
        unitCode: p.unitCode ?? null,
        role: p.role,
      })),
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
    // Each person opens the link and sets a password, which signs them in (one argon2id hash each: two at a time on
    // two cores).
    await pool(links, 2, async (row) => {
      const accepted = await call('POST', '/v1/invitations/accept', undefined, { token: String(row[5]).split('#')[1], password });
      tokens.set(String(row[1]), accepted.body.accessToken);
    });
    const specialist = tokens.get(`chuyenvien.${provinceCode.toLowerCase()}`);
    await pool(units, 4, (u) =>
      call('PUT', `/v1/units/${encodeURIComponent(u.code)}/ratings/${YEAR}`, specialist, {
        rating: 'HTXSNV',
        basis: 'Dữ liệu đo hiệu năng: xếp loại tổ chức đảng và đoàn thể của đơn vị',
      }),
    );
    const ctx = { tokens, provinceCode, admin };
    const setup = { seconds: (performance.now() - t1) / 1000, accounts: links.length, grants: grants.length };
    console.error(
      `bench: province ${provinceCode} built through the API in ${setup.seconds.toFixed(0)} s (${setup.accounts} accounts)`,
    );

    const procs = [
      { name: 'API', pid: apiProc.pid },
      { name: 'worker', pid: worker.pid },
      { name: 'Temporal', pid: temporal.pid },
      { name: 'raw worker', pid: rawWorker.pid },
    ];
    const cpuProcs = [...procs, { name: 'PostgreSQL', pid: postgres.pid }];
    const measure = async (fn) => {
      const before = loadavg();
      const stop = rssSampler(procs);
      const cpu = cpuMeter(cpuProcs);
      const start = performance.now();
      const value = await fn();
      const seconds = (performance.now() - start) / 1000;
      return { value, seconds, rss: stop(), cpu: cpu(), load: `${before} → ${loadavg()}` };
    };

    // ---- 2. probes, on a quiet system: N sequential updates of a minimal workflow, then N thidua steps via the API
    const rawProbe = await measure(async () => {
      const handle = await client.workflow.start('rawYearWorkflow', {
        taskQueue: RAW_QUEUE,
        workflowId: `raw-probe-${provinceCode}`,
      });
      const rec = new Recorder();
      for (let i = 0; i < opts.probe; i++)
        await rec.step('probe', () => handle.executeUpdate(RAW_STEP, { args: [{ kind: 'probe', last: i === opts.probe - 1 }] }));
      return { rec };
    });
    const apiProbe = await measure(async () => {
      const rec = new Recorder();
      const [u1, , , u4] = probeBloc.units;
      const head = (u) => tokens.get(`head.${u.toLowerCase()}`);
      const started = await call(
        'POST',
        '/v1/cycles',
        tokens.get(`truongphong.${provinceCode.toLowerCase()}`),
        { provinceCode, blocCode: probeBloc.code, year: YEAR, mode: 'RECORD' },
        { expect: [201] },
      );
      const c = `/v1/cycles/${encodeURIComponent(started.body.cycleId)}`;
      await call('POST', `${c}/launch`, head(u1), {
        plan: `Kế hoạch thi đua năm ${YEAR}`,
        pledgeText: `Cam kết thi đua năm ${YEAR}`,
        criteria: CRITERIA,
        pledgeDeadline: DATES.pledgeDeadline,
        selfAssessmentDeadline: DATES.selfAssessmentDeadline,
        occurredOn: DATES.launch,
      });
      for (const u of probeBloc.units) await call('POST', `${c}/pledges`, head(u), { occurredOn: DATES.pledge });
      await waitPhase(ctx, probeBloc, c, 'SELF_ASSESSMENT');
      const a = `${c}/units/${encodeURIComponent(u4)}/assessment`;
      const scores = CRITERIA.map((k) => ({
        criterionCode: k.code,
        points: 20,
        evidenceRefs: k.evidenceRequired ? ['bao-cao.pdf'] : [],
      }));
      // The focal person submits, the unit head returns it with a reason: one decision step each time.
      for (let i = 0; i < opts.probe; i++) {
        await rec.step('probe submit', () =>
          call('POST', a, tokens.get(`focal.${u4.toLowerCase()}`), { scores, occurredOn: DATES.submitted }),
        );
        await rec.step('probe', () =>
          call('POST', `${a}/approval`, head(u4), {
            decision: 'RETURN',
            reason: 'Bổ sung minh chứng',
            occurredOn: DATES.submitted,
          }),
        );
      }
      return { rec };
    });

    console.error(`bench: probes done (${opts.probe} steps each)`);

    // ---- 3. the year of every bloc, then the baseline with the same shape and concurrency; R times
    /** One year of the given blocs of `units` units each, then the baseline's; `rawId` names a bloc's raw workflow. */
    const runYear = async (runBlocs, units, rawId) => {
      const sentBefore = { ...sentRequests };
      const year = await measure(async () => {
        const rec = new Recorder();
        const outcomes = await Promise.allSettled(runBlocs.map((b) => driveBloc(ctx, b, rec)));
        const failed = outcomes.filter((o) => o.status === 'rejected');
        for (const f of failed) if (!f.reason?.counted) rec.errors.push(String(f.reason?.message ?? f.reason));
        return { rec, cycleIds: outcomes.map((o) => o.value).filter(Boolean), completed: outcomes.length - failed.length };
      });
      const sent = (m) => (sentRequests[m] ?? 0) - (sentBefore[m] ?? 0);
      console.error(`bench: the year's requests: ${sent('POST')} POST (re-sends included), ${sent('GET')} GET (polls)`);
      const raw = await measure(async () => {
        const rec = new Recorder();
        const outcomes = await Promise.allSettled(runBlocs.map((b) => driveRawBloc(client, rawId(b), units, rec)));
        for (const f of outcomes.filter((o) => o.status === 'rejected'))
          if (!f.reason?.counted) rec.errors.push(String(f.reason?.message ?? f.reason));
        return { rec, completed: outcomes.filter((o) => o.status === 'fulfilled').length };
      });
      return { year, raw };
    };
    const results = [];
    for (const [r, runBlocs] of runs.entries()) {
      const { year, raw } = await runYear(runBlocs, opts.units, (b) => `raw-${provinceCode}-${r}-${b.code}`);
      results.push({ year, raw });
      console.error(`bench: run ${r + 1}: the year in ${year.seconds.toFixed(1)} s, the baseline in ${raw.seconds.toFixed(1)} s`);
    }
    // One bloc-year's updates on the raw variant that awaits an activity per update: its Temporal work, not its time.
    const rawActivityId = `raw-activity-${provinceCode}`;
    await driveRawBloc(client, rawActivityId, opts.units, new Recorder(), 'rawYearActivityWorkflow');

    // ---- 4. self-assessments on fresh cycles: open loop at --assessments-rate, then as many at once; each beside
    // the same schedule of updates on one minimal workflow per unit (as each unit has its assessment child)
    const assessments = [];
    for (const [s, set] of assessmentSets.entries()) {
      const rate = s === 0 ? opts.assessmentsRate : Infinity;
      const prepared = await Promise.allSettled(set.map((b) => openCycle(ctx, b, new Recorder())));
      const opened = prepared.filter((o) => o.status === 'fulfilled');
      const failedToOpen = prepared
        .filter((o) => o.status === 'rejected')
        .map((o) => `opening: ${o.reason?.message ?? o.reason}`);
      // Unit by unit across the blocs, so each bloc's arrivals are spread over the phase.
      const submits = [];
      for (let i = 0; i < opts.units; i++)
        for (const [k, o] of opened.entries()) submits.push(selfAssessment(ctx, o.value.c, set[k].units[i], i));
      const thidua = await openLoop(
        submits.map((x) => () => call('POST', x.route, x.token, x.body)),
        rate,
      );
      thidua.errors.unshift(...failedToOpen);
      const handles = await pool(
        Array.from({ length: opts.blocs * opts.units }, (_, i) => `raw-sa-${provinceCode}-${s}-${i}`),
        8,
        (workflowId) => client.workflow.start('rawYearWorkflow', { taskQueue: RAW_QUEUE, workflowId }),
      );
      // Each idle, as the cycles' assessment children are: its first workflow task done before the first update.
      await pool(handles, 8, async (h) => {
        while ((await h.describe()).historyLength < 4) await sleep(50);
      });
      const raw = await openLoop(
        handles.map((h) => () => h.executeUpdate(RAW_STEP, { args: [{ kind: 'assessment submit' }] })),
        rate,
      );
      await pool(handles, 8, (h) => h.executeUpdate(RAW_STEP, { args: [{ kind: 'close', last: true }] }));
      assessments.push({ thidua, raw });
      console.error(
        `bench: ${thidua.n} self-assessments ${Number.isFinite(rate) ? `at ${rate}/s` : 'at once'}: ` +
          `drained in ${thidua.drain.toFixed(1)} s, the baseline in ${raw.drain.toFixed(1)} s`,
      );
    }

    // ---- 5. --sweep: one year of N blocs of each size beside its baseline, for the cost per step by bloc size
    const sweep = [];
    for (const { size, blocs: sizeBlocs } of sweepBlocs) {
      const { year, raw } = await runYear(sizeBlocs, size, (b) => `raw-${provinceCode}-${b.code}`);
      const h = year.value.cycleIds[0] ? await historyOf(client, year.value.cycleIds[0]) : { events: NaN, bytes: NaN };
      const rh = await historyOf(client, `raw-${provinceCode}-${sizeBlocs[0].code}`);
      sweep.push({ size, year, raw, history: h, rawHistory: rh });
      const slowest = (m) =>
        [...m.value.rec.latencies]
          .map(([kind, l]) => [kind, percentile(l, 99)])
          .sort((a, b) => b[1] - a[1])
          .slice(0, 3)
          .map(([kind, p99]) => `${kind} ${p99.toFixed(0)} ms`)
          .join(', ');
      console.error(`bench: sweep ${size} units: slowest p99, thidua: ${slowest(year)}; raw: ${slowest(raw)}`);
      console.error(
        `bench: sweep ${size} units: the year in ${year.seconds.toFixed(1)} s, the baseline in ${raw.seconds.toFixed(1)} s`,
      );
    }

    const first = results[0];
    const history = first.year.value.cycleIds[0]
      ? await historyOf(client, first.year.value.cycleIds[0])
      : { events: NaN, bytes: NaN, workflows: 0 };
    const rawHistory = await historyOf(client, `raw-${provinceCode}-0-${runs[0][0].code}`);
    const rawActivityHistory = await historyOf(client, rawActivityId);
    if (history.kinds) {
      console.error("bench: one bloc-year's history by workflow and event type (events, KiB):");
      for (const [kind, v] of [...history.kinds].sort((a, b) => b[1].bytes - a[1].bytes))
        console.error(`bench:   ${kind}: ${v.events} events, ${(v.bytes / 1024).toFixed(1)} KiB`);
    }
    const hwm = Object.fromEntries(procs.map((p) => [p.name, procStatus(p.pid, 'VmHWM') / 1024]));
    await connection.close();

    // ---- 6. the tables
    const all = (key) => results.map((x) => x[key]);
    const pooled = (key, kind) => all(key).flatMap((m) => m.value.rec.latencies.get(kind) ?? []);
    const steps = (key) => median(all(key).map((m) => m.value.rec.steps));
    const wall = (key) => median(all(key).map((m) => m.seconds));
    const errors = (key) => all(key).reduce((n, m) => n + m.value.rec.errors.length, 0);
    const peak = (key, name) => Math.max(...all(key).map((m) => m.rss[name]));
    const f = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
    const ratio = (a, b) => (Number.isFinite(a / b) && b > 0 ? `×${(a / b).toFixed(1)}` : '–');
    const rows = [];
    const row = (what, thidua, raw, r = '') => rows.push([what, thidua, raw, r]);
    const yWall = wall('year');
    const rWall = wall('raw');
    const ySps = steps('year') / yWall;
    const rSps = steps('raw') / rWall;
    row('wall time of the year (s)', f(yWall, 2), f(rWall, 2), ratio(yWall, rWall));
    row('steps (updates; start included)', String(steps('year')), String(steps('raw')), '');
    row('steps per second', f(ySps, 1), f(rSps, 1), ratio(rSps, ySps) + ' slower');
    for (const kind of ['start', ...new Set(yearShape(1).flat(2))]) {
      const y = pooled('year', kind);
      const w = pooled('raw', kind);
      if (y.length === 0 && w.length === 0) continue;
      row(
        `${kind}: p50 / p99 (ms), n=${y.length}`,
        `${f(median(y), 0)} / ${f(percentile(y, 99), 0)}`,
        `${f(median(w), 0)} / ${f(percentile(w, 99), 0)}`,
        ratio(median(y), median(w)),
      );
    }
    const ap = apiProbe.value.rec.latencies.get('probe');
    const rp = rawProbe.value.rec.latencies.get('probe');
    row(
      `single step, sequential, quiet: p50 / p99 (ms), n=${opts.probe}`,
      `${f(median(ap), 0)} / ${f(percentile(ap, 99), 0)}`,
      `${f(median(rp), 0)} / ${f(percentile(rp, 99), 0)}`,
      ratio(median(ap), median(rp)),
    );
    const sp = apiProbe.value.rec.latencies.get('probe submit');
    row('  (thidua: the focal person’s submit, same loop)', `${f(median(sp), 0)} / ${f(percentile(sp, 99), 0)}`, '', '');
    const [loop, burst] = assessments;
    if (loop && burst) {
      const pq = (m) => `${f(median(m.latencies), 0)} / ${f(percentile(m.latencies, 99), 0)}`;
      row(
        `self-assessments, open loop at ${opts.assessmentsRate}/s: p50 / p99 from the scheduled time (ms; ratio of p99), n=${loop.thidua.n}`,
        pq(loop.thidua),
        pq(loop.raw),
        ratio(percentile(loop.thidua.latencies, 99), percentile(loop.raw.latencies, 99)),
      );
      row('  achieved arrival rate (per second)', f(loop.thidua.rate, 1), f(loop.raw.rate, 1), '');
      row(
        '  errors (202/503 re-sends)',
        `${loop.thidua.errors.length} (${loop.thidua.resends})`,
        String(loop.raw.errors.length),
        '',
      );
      row(
        `self-assessments, all at once: drain, first send to last answer (s), n=${burst.thidua.n}`,
        f(burst.thidua.drain, 2),
        f(burst.raw.drain, 2),
        ratio(burst.thidua.drain, burst.raw.drain),
      );
      row(
        '  p50 / p99 from the first send (ms; ratio of p99)',
        pq(burst.thidua),
        pq(burst.raw),
        ratio(percentile(burst.thidua.latencies, 99), percentile(burst.raw.latencies, 99)),
      );
      row(
        '  errors (202/503 re-sends)',
        `${burst.thidua.errors.length} (${burst.thidua.resends})`,
        String(burst.raw.errors.length),
        '',
      );
    }
    row('errors (refused or failed steps)', String(errors('year')), String(errors('raw')), '');
    row(
      '202/503 re-sends (workflow slow to answer, busy)',
      String(all('year').reduce((n, m) => n + m.value.rec.resends, 0)),
      '',
      '',
    );
    row(
      'bloc-years completed',
      `${all('year').reduce((n, m) => n + m.value.completed, 0)} / ${opts.blocs * opts.runs}`,
      `${all('raw').reduce((n, m) => n + m.value.completed, 0)} / ${opts.blocs * opts.runs}`,
      '',
    );
    row(
      'history events per bloc-year (incl. children)',
      `${history.events} (${history.workflows} workflows)`,
      String(rawHistory.events),
      ratio(history.events, rawHistory.events),
    );
    const w = (h) =>
      h.work
        ? `${h.work.tasks} / ${h.work.updates} / ${h.work.activities} / ${h.work.markers} / ${h.work.timers} / ${h.work.signals} / ${h.work.upserts}`
        : '–';
    row(
      'Temporal work per bloc-year: workflow tasks / updates / activities / local activities / timers / signals / search-attribute upserts',
      w(history),
      w(rawHistory),
      history.work && rawHistory.work ? ratio(history.work.tasks, rawHistory.work.tasks) : '',
    );
    // Tasks the server hands out: workflow tasks and activity tasks (a local activity runs inside its workflow task).
    const dispatched = (h) =>
      h.work ? `${h.work.tasks} + ${h.work.activities} = ${h.work.tasks + h.work.activities} tasks, ${h.events} events` : '–';
    row(
      'Temporal work per bloc-year beside the raw variant awaiting one activity per update: workflow + activity tasks, history events',
      dispatched(history),
      dispatched(rawActivityHistory),
      history.work && rawActivityHistory.work
        ? `tasks ${ratio(history.work.tasks + history.work.activities, rawActivityHistory.work.tasks + rawActivityHistory.work.activities)}, workflow tasks ${ratio(history.work.tasks, rawActivityHistory.work.tasks)}, events ${ratio(history.events, rawActivityHistory.events)}`
        : '',
    );
    row(
      'history KiB per bloc-year (incl. children)',
      f(history.bytes / 1024),
      f(rawHistory.bytes / 1024),
      ratio(history.bytes, rawHistory.bytes),
    );
    for (const name of ['API', 'worker', 'Temporal'])
      row(
        `peak RSS of ${name} during the year (MiB)`,
        f(peak('year', name), 0),
        name === 'worker'
          ? `${f(peak('raw', 'raw worker'), 0)} (raw worker)`
          : name === 'Temporal'
            ? f(peak('raw', 'Temporal'), 0)
            : '',
        name === 'worker' ? ratio(peak('year', 'worker'), peak('raw', 'raw worker')) : '',
      );
    // Where a step's cost goes: CPU of each process group while the year (or the baseline) ran, per step.
    const cpu = (key, name) => median(all(key).map((m) => m.cpu[name]));
    const cpuNames = ['API', 'worker', 'Temporal', 'PostgreSQL'];
    const yCpu = cpuNames.reduce((n, name) => n + cpu('year', name), 0);
    const rCpu = cpu('raw', 'Temporal') + cpu('raw', 'raw worker');
    row(
      'CPU s during the year: API / worker / Temporal / PostgreSQL (raw: Temporal / raw worker)',
      cpuNames.map((name) => f(cpu('year', name), 1)).join(' / '),
      `${f(cpu('raw', 'Temporal'), 1)} / ${f(cpu('raw', 'raw worker'), 1)}`,
      ratio(yCpu, rCpu),
    );
    row(
      'CPU ms per step, all processes',
      f((yCpu * 1000) / steps('year'), 1),
      f((rCpu * 1000) / steps('raw'), 1),
      ratio(yCpu / steps('year'), rCpu / steps('raw')),
    );
    row('VmHWM since start (MiB): API / worker / Temporal / raw worker', procs.map((p) => f(hwm[p.name], 0)).join(' / '), '', '');
    for (const [i, x] of results.entries())
      row(`load average 1/5/15 min, run ${i + 1}: before → after`, x.year.load, x.raw.load, '');
    row('load average, probes: before → after', apiProbe.load, rawProbe.load, '');

    console.log(
      `\nA province's year beside Temporal itself — ${opts.blocs} blocs × ${opts.units} units, ${opts.runs} run(s); ` +
        `${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}; ` +
        `start-up ${f(startup, 0)} s, province built through the API in ${f(setup.seconds, 1)} s (${setup.accounts} accounts, ${setup.grants} two-admin grants)`,
    );
    console.log(
      'Medians over runs; latencies pooled over runs. "raw" is a minimal workflow (scripts/bench/raw-workflow.ts) on the same dev server.\n',
    );
    console.log('| measure | thidua (API) | raw Temporal | ratio |');
    console.log('| --- | ---: | ---: | ---: |');
    for (const r of rows) console.log(`| ${r.join(' | ')} |`);
    if (sweep.length > 0) {
      console.log(
        `\nCost per step by bloc size — ${opts.blocs} bloc(s) of each size, one year each; every cell thidua / raw (ratio).\n`,
      );
      console.log(
        '| units per bloc | steps | wall time (s) | CPU ms per step, all processes | history events per bloc-year | history KiB per bloc-year | bloc-years completed | errors |',
      );
      console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
      for (const x of sweep) {
        const yc = cpuNames.reduce((n, name) => n + x.year.cpu[name], 0);
        const rc = x.raw.cpu.Temporal + x.raw.cpu['raw worker'];
        const ys = x.year.value.rec.steps;
        const rs = x.raw.value.rec.steps;
        const cell = (a, b, digits) => `${f(a, digits)} / ${f(b, digits)} (${ratio(a, b)})`;
        console.log(
          `| ${[
            x.size,
            `${ys} / ${rs}`,
            cell(x.year.seconds, x.raw.seconds, 2),
            cell((yc * 1000) / ys, (rc * 1000) / rs, 1),
            cell(x.history.events, x.rawHistory.events, 0),
            cell(x.history.bytes / 1024, x.rawHistory.bytes / 1024, 1),
            `${x.year.value.completed} / ${x.raw.value.completed} of ${opts.blocs}`,
            `${x.year.value.rec.errors.length} / ${x.raw.value.rec.errors.length}`,
          ].join(' | ')} |`,
        );
      }
    }
    const years = [...all('year'), ...all('raw'), ...sweep.flatMap((x) => [x.year, x.raw])];
    const problems = [
      ...years.flatMap((m) => m.value.rec.errors),
      ...assessments.flatMap((x) => [x.thidua, x.raw]).flatMap((m) => m.errors.map((e) => `self-assessment: ${e}`)),
    ];
    const incomplete = years.some((m) => m.value.completed !== opts.blocs);
    if (problems.length > 0 || incomplete) {
      console.error(`\nbench: the year did not complete without errors (${problems.length} errors):`);
      for (const p of problems.slice(0, 5)) console.error(`  ${p}`);
      // By kind: the step, the status and the error code, ids left out.
      const kinds = new Map();
      for (const p of problems) {
        const kind = p.replace(/\/v1\/\S*/, '').replace(/("detail":).*$/, '$1…');
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }
      for (const [kind, n] of [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.error(`  ${n} × ${kind}`);
      status = 1;
    } else {
      status = 0;
    }
  } catch (error) {
    console.error(`bench: ${error instanceof Error ? error.stack : String(error)}`);
    for (const c of children)
      if (c.name === 'api' || c.name === 'worker') console.error(`--- end of the ${c.name} log:\n${c.tail(20)}`);
    status = 1;
  } finally {
    const stopping = performance.now();
    await stopChildren();
    console.error(`bench: servers and processes stopped in ${((performance.now() - stopping) / 1000).toFixed(1)} s`);
    if (status !== 0) {
      // What the worker said about failed workflow tasks (a refused step often follows one).
      const worker = children.find((c) => c.name === 'worker');
      const lines = (worker?.output() ?? '').split('\n').filter((l) => /fail|deadlock|error|warn/i.test(l));
      if (lines.length > 0)
        console.error(`--- the worker's warnings and errors (last 15 of ${lines.length}):\n${lines.slice(-15).join('\n')}`);
    }
    if (opts.keep) {
      for (const c of children) writeFileSync(path.join(work, `${c.name.replace(/\W+/g, '-')}.log`), c.output());
      console.error(`bench: logs kept in ${work}`);
    } else rmSync(work, { recursive: true, force: true });
  }
  process.exit(status);
}

// Last: the module's constants above are initialised by then.
if (process.argv.includes('--worker-raw')) await runRawWorker();
else await main();
