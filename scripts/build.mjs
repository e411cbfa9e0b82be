// `npm run build`: compiles the server (src → dist, tsc incremental) and bundles the web app (web/src → web/dist),
// each only when one of its inputs (files, or directories, whose times change when a file is added or removed) is
// newer than its output. `--force` (or THIDUA_FORCE_BUILD=1) always builds both.
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const force = process.argv.includes('--force') || process.env.THIDUA_FORCE_BUILD === '1';

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/** The newest modification time among the paths (directories walked, node_modules and dist skipped). */
function newest(paths) {
  let latest = 0;
  const visit = (p) => {
    const stat = statSync(p, { throwIfNoEntry: false });
    if (!stat) return;
    latest = Math.max(latest, stat.mtimeMs);
    if (!stat.isDirectory()) return;
    for (const entry of readdirSync(p)) {
      if (entry === 'node_modules' || entry === 'dist') continue;
      visit(path.join(p, entry));
    }
  };
  for (const p of paths) visit(path.join(root, p));
  return latest;
}

function upToDate(output, inputs) {
  const built = mtime(path.join(root, output));
  return !force && built !== undefined && built >= newest(inputs);
}

const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
const serverInputs = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];
const serverOutput = 'dist/tsconfig.build.tsbuildinfo';
const WORKFLOW_BUNDLE = 'dist/workflow-bundle.js';
// tsc trusts its build info: outputs deleted behind its back would not be written again, so they are checked too.
const entryPoints = ['dist/src/api/main.js', 'dist/src/worker/main.js'];
if (entryPoints.some((file) => mtime(path.join(root, file)) === undefined))
  rmSync(path.join(root, serverOutput), { force: true });
if (upToDate(serverOutput, serverInputs)) {
  console.log('server: dist is up to date (nothing in src changed)');
} else {
  const started = Date.now();
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  // tsc leaves its build info untouched when no output changed (e.g. a file saved unchanged): mark it as checked.
  const now = new Date();
  utimesSync(path.join(root, serverOutput), now, now);
  console.log(`server: compiled in ${Date.now() - started} ms`);
}

// The worker's workflow code, bundled here once instead of by each worker at its start: a worker that bundles keeps
// webpack in its heap for good (about 30 MiB). The worker uses this file only while it is newer than the compiled
// code (src/worker/create-worker.ts, prebuiltWorkflowBundle); with tracing on it still bundles its own.
const bundleFile = path.join(root, WORKFLOW_BUNDLE);
if (!force && (mtime(bundleFile) ?? 0) >= (mtime(path.join(root, serverOutput)) ?? Infinity)) {
  console.log('server: the workflow bundle is up to date');
} else {
  const started = Date.now();
  const { bundleWorkflowCode, DefaultLogger } = createRequire(import.meta.url)('@temporalio/worker');
  const { code } = await bundleWorkflowCode({
    workflowsPath: path.join(root, 'dist/src/workflows'),
    logger: new DefaultLogger('WARN'),
  });
  writeFileSync(bundleFile, code);
  console.log(`server: workflows bundled in ${Date.now() - started} ms`);
}

const webInputs = ['web', 'scripts/build-web.mjs', 'package-lock.json'];
if (upToDate('web/dist/app.js', webInputs)) {
  console.log('web: web/dist is up to date (nothing in web changed)');
} else {
  execFileSync(process.execPath, [path.join(root, 'scripts/build-web.mjs')], { cwd: root, stdio: 'inherit' });
}
