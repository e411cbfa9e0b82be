#!/usr/bin/env node
// `npm run bench:documents`: times the chairman's decision with a 500-row annex (the size of a province's yearly
// Bằng khen list), rendered from the built-in template as DOCX (docxtemplater) and converted to PDF (LibreOffice
// headless, a fresh profile per call, as the API does), several runs each, plus two conversions at once. Prints a
// table; asserts nothing. Needs no server: the compiled builders (dist/, built first) and SOFFICE_PATH or
// /usr/bin/soffice. `--runs N` (default 5; PDF runs are N, at least 2).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (!process.argv.includes('--no-build')) execFileSync('node', [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
const require = createRequire(import.meta.url);
const { buildDecision } = require(path.join(root, 'dist/src/documents/builders.js'));
const { renderDocx } = require(path.join(root, 'dist/src/documents/render.js'));
const { docxToPdf, converterAvailable } = require(path.join(root, 'dist/src/documents/pdf.js'));

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const soffice = process.env.SOFFICE_PATH || '/usr/bin/soffice';
const ROWS = 500;

const template = readFileSync(path.join(root, 'templates/documents/quyet-dinh.docx'));
const awardees = Array.from({ length: ROWS }, (_, i) => ({
  name: `Trường Trung học cơ sở số ${i + 1} phường Võ Cường, tỉnh Bắc Ninh`,
  awardName: i < 40 ? 'Cờ thi đua của UBND tỉnh' : 'Bằng khen của Chủ tịch UBND tỉnh',
}));
const input = {
  provinceName: 'Tỉnh Bắc Ninh',
  number: '2034/QĐ-UBND',
  date: '2025-12-29',
  year: 2025,
  legalBasis: ['Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022', 'Nghị định số 152/2025/NĐ-CP'],
  proposer: 'Giám đốc Sở Nội vụ',
  awardees,
  signedFor: true,
};

async function timed(fn) {
  const start = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0], median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1] };
};
const rows = [];
const row = (step, times, size) => {
  const s = stats(times);
  rows.push({ step, runs: times.length, min: s.min.toFixed(0), median: s.median.toFixed(0), max: s.max.toFixed(0), size });
};

const build = [];
const render = [];
let docx;
for (let i = 0; i < runs; i++) {
  const b = await timed(() => buildDecision(input));
  build.push(b.ms);
  const r = await timed(() => renderDocx(template, b.result));
  render.push(r.ms);
  docx = r.result;
}
row(`build data (${ROWS} awardees)`, build, '');
row('render DOCX (docxtemplater)', render, `${(docx.length / 1024).toFixed(0)} KiB`);

if (!converterAvailable(soffice)) {
  console.log(`\n${soffice} is missing: PDF not measured (install with scripts/lib/common.sh ensure_libreoffice).`);
} else {
  const pdf = [];
  let out;
  for (let i = 0; i < Math.max(2, runs); i++) {
    const r = await timed(() => docxToPdf(docx, { soffice, timeoutMs: 300_000 }));
    pdf.push(r.ms);
    out = r.result;
  }
  let pages = '';
  try {
    const file = path.join(os.tmpdir(), `bench-decision-${process.pid}.pdf`);
    require('node:fs').writeFileSync(file, out);
    pages = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? '';
    require('node:fs').rmSync(file);
  } catch {
    pages = '?';
  }
  row('DOCX → PDF (LibreOffice, own profile)', pdf, `${(out.length / 1024).toFixed(0)} KiB, ${pages} pages`);
  const pair = await timed(() => Promise.all([0, 1].map(() => docxToPdf(docx, { soffice, timeoutMs: 300_000 }))));
  row('two DOCX → PDF at once (wall time)', [pair.ms], '');
}

console.log(`\nDecision with a ${ROWS}-row annex, ${os.cpus().length} cores, Node ${process.version}, ms:`);
console.table(rows);
