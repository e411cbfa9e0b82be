// Builds the single-page web application (web/src, Preact + TypeScript) into web/dist, which the API serves at /app/.
// esbuild bundles and minifies; it does not type-check (npm run typecheck does, with web/tsconfig.json).
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const out = path.join(web, 'dist');
const started = Date.now();

await mkdir(out, { recursive: true });
await build({
  entryPoints: [path.join(web, 'src/main.tsx')],
  outfile: path.join(out, 'app.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2022', 'chrome111', 'firefox115', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  minify: true,
  sourcemap: 'linked',
  // Vietnamese text stays readable UTF-8 in the bundle instead of \u escapes.
  charset: 'utf8',
  legalComments: 'none',
  logLevel: 'warning',
});
for (const file of ['index.html', 'styles.css', 'favicon.svg']) await copyFile(path.join(web, file), path.join(out, file));
console.log(`web: built web/dist in ${Date.now() - started} ms`);
