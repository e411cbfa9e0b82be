#!/usr/bin/env node
// `npm run bench:workbook`: times the organisation workbook import on a Sơn La-size workbook (130 blocs and
// clusters, 1,410 units, 3,000 accounts) beside two baselines measured in the same run: the plain streaming parse of
// the same file, and the whole import of a workbook ten times smaller. Prints figures; asserts nothing.
//
// Runs the compiled code (dist/, built first) against PostgreSQL: DATABASE_ADMIN_URL, else TEST_DATABASE_URL, else
// DATABASE_URL names a server where it may create (and then drops) a throwaway database.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (!process.argv.includes('--no-build')) execFileSync('node', [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
const require = createRequire(import.meta.url);
const { DataSource } = require('typeorm');
const { createDataSource } = require(path.join(root, 'dist/src/db/data-source.js'));
const { WorkbookService } = require(path.join(root, 'dist/src/api/organisation/workbook.service.js'));
const { OrganisationService } = require(path.join(root, 'dist/src/api/organisation/organisation.service.js'));
const { readWorkbook } = require(path.join(root, 'dist/src/workbook/reader.js'));
const { sampleRows, SON_LA_SIZE } = require(path.join(root, 'dist/src/workbook/sample.js'));
const { writeWorkbook } = require(path.join(root, 'dist/src/workbook/writer.js'));

const adminUrl =
  process.env.DATABASE_ADMIN_URL ??
  process.env.TEST_DATABASE_URL ??
  process.env.DATABASE_URL ??
  'postgres://postgres:postgres@127.0.0.1:5433/thidua';
const name = `thidua_bench_${randomBytes(4).toString('hex')}`;
const url = new URL(adminUrl);
url.pathname = `/${name}`;

const actor = { userId: 'bench', role: 'ADMIN' };
const mib = (bytes) => (bytes / 1024 / 1024).toFixed(1);
const peakRss = () => process.resourceUsage().maxRSS * 1024;

async function timed(fn) {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { value, seconds: Number(process.hrtime.bigint() - start) / 1e9, rss: peakRss() };
}

async function run(ds, label, code, size) {
  const organisation = new OrganisationService(ds);
  await organisation.transaction((m) => organisation.createProvince(m, actor, { code, name: `Tỉnh ${label}` }));
  const workbook = new WorkbookService(ds);
  const file = await timed(() => writeWorkbook(sampleRows(code, size)));
  const parse = await timed(() => readWorkbook(file.value));
  const preview = await timed(() => workbook.preview(actor, code, { buffer: file.value, name: `${code}.xlsx` }));
  if (preview.value.problemCount !== 0) {
    throw new Error(`${label}: ${preview.value.problemCount} problems: ${JSON.stringify(preview.value.problems.slice(0, 3))}`);
  }
  const apply = await timed(() => workbook.apply(actor, code, preview.value.previewToken));
  const again = await timed(() => workbook.preview(actor, code, { buffer: file.value, name: `${code}.xlsx` }));
  if (again.value.changes.length !== 0) throw new Error(`${label}: the second preview has ${again.value.changes.length} changes`);
  const exported = await timed(() => workbook.export(actor, code));
  const s = preview.value.summary;
  return {
    label,
    rows: `${s.blocs.CREATE} blocs, ${s.units.CREATE} units, ${s.memberships.CREATE} memberships, ${s.leaderships.CREATE} leaderships, ${s.accounts.CREATE} accounts`,
    fileKiB: (file.value.length / 1024).toFixed(0),
    steps: [
      { step: 'write the workbook (generator)', t: file },
      { step: 'parse only (stream, no database)', t: parse },
      { step: 'preview (dry run)', t: preview },
      { step: 'apply (one transaction)', t: apply },
      { step: 'preview again (no change)', t: again },
      { step: 'export', t: exported },
    ],
    invitations: apply.value.invitations.count,
  };
}

const admin = new DataSource({ type: 'postgres', url: adminUrl });
await admin.initialize();
await admin.query(`CREATE DATABASE ${name}`);
const ds = createDataSource(url.toString());
try {
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  const tenth = { blocs: SON_LA_SIZE.blocs / 10, units: SON_LA_SIZE.units / 10, accounts: SON_LA_SIZE.accounts / 10 };
  // Warm-up (JIT, connection pool), not reported, so that the baseline is not charged with it.
  await run(ds, 'warm-up', 'BENCHW', { blocs: 2, units: 8, accounts: 10 });
  const results = [
    await run(ds, '1/10 of Sơn La (baseline)', 'BENCH10', tenth),
    await run(ds, 'Sơn La size', 'SONLA', SON_LA_SIZE),
  ];
  console.log(
    `\nOrganisation workbook import — ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}`,
  );
  for (const r of results) {
    console.log(`\n${r.label}: ${r.rows}; file ${r.fileKiB} KiB; ${r.invitations} invitations`);
    console.log('| step | seconds | peak RSS so far (MiB) |');
    console.log('| --- | ---: | ---: |');
    for (const { step, t } of r.steps) console.log(`| ${step} | ${t.seconds.toFixed(2)} | ${mib(t.rss)} |`);
  }
  const [small, big] = results;
  const ratio = (i) => (big.steps[i].t.seconds / small.steps[i].t.seconds).toFixed(1);
  console.log(
    `\nSơn La vs 1/10: preview ×${ratio(2)}, apply ×${ratio(3)}; Sơn La preview is ×${(big.steps[2].t.seconds / big.steps[1].t.seconds).toFixed(1)} its plain parse.`,
  );
  console.log('Target (issue 13): preview and apply under 30 s each on the 2-core machine; memory bounded (streamed).');
} finally {
  if (ds.isInitialized) await ds.destroy();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.destroy();
}
