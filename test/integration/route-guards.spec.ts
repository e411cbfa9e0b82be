import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import request from 'supertest';
import { decodeJwt, SignJWT } from 'jose';
import { login } from './support/actors';
import { bundleWorkflows, createHarness, type Harness } from './support/harness';

/**
 * Every route the running app exposes needs an identity, except a reviewed list of public ones.
 * The routes are read from the Express router itself (not from the OpenAPI document), so a route that
 * is missing from the docs cannot slip through; the two lists are then cross-checked.
 */

/** Reviewed public routes: adding one (e.g. a new @Public() handler) must fail here until it is reviewed. */
const EXPECTED_PUBLIC = [
  'GET /v1/health',
  'GET /v1/health/live',
  'GET /v1/health/ready',
  // Credentials are the body of these two: a password, or a refresh token.
  'POST /v1/auth/login',
  'POST /v1/auth/refresh',
  // A one-time invitation token (only its SHA-256 is stored) and the new password are the body.
  'POST /v1/invitations/accept',
  // Swagger UI and the OpenAPI document (served by @nestjs/swagger outside Nest routing).
  'GET /docs',
  'GET /docs/',
  'GET /docs/index.html',
  'GET /docs/LICENSE', // answers 404: swagger-ui-dist ships no LICENSE file here
  'GET /docs/swagger-ui-init.js',
  'GET /docs/docs/swagger-ui-init.js',
  'GET /docs/openapi.json',
  'GET /docs-yaml',
].sort();

/**
 * Middleware layers (no route of their own) in router order. One of them answering a request without
 * reaching the guard would be a hole; a new one must be reviewed. `serveStatic@/docs` serves the Swagger UI
 * assets (GET/HEAD only, falls through otherwise).
 *
 * The web application (src/api/bootstrap.ts serveWebApp) adds three, all public by design: its static bundle
 * holds no data, and every API call the pages make carries the user's token to the guarded /v1 routes.
 * `serveStatic@/app` serves web/dist (GET/HEAD); `webAppFallback@/app` answers a browser navigation to a client
 * route (GET/HEAD asking for text/html) with index.html; `redirectRootToWebApp@/` redirects GET / to /app/.
 * Everything else falls through to the routes below them.
 */
const EXPECTED_MIDDLEWARE = [
  '<anonymous>@/', // Nest's response hook
  'logRequest@/', // one JSON log line per answer (src/api/observability/logging.ts), then falls through
  'countRequests@/', // counts the answer by route template and status, then falls through
  'serveMetrics@/', // answers GET /metrics only (counts, no names; METRICS_TOKEN when set), else falls through
  'jsonParser@/',
  'securityHeaders@/', // sets response headers only (src/api/bootstrap.ts), then falls through
  'serveStatic@/docs',
  'serveStatic@/app',
  'webAppFallback@/app',
  'redirectRootToWebApp@/',
  'urlencodedParser@/',
  '<anonymous>@/', // Nest's 404 handler
  '<anonymous>@/', // Nest's error handler
];

interface RouterLayer {
  name: string;
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
}

interface ExpressLike {
  _router?: { stack: RouterLayer[] };
  router?: { stack: RouterLayer[] };
}

interface RouteEntry {
  method: string;
  path: string;
}

function routerLayers(h: Harness): RouterLayer[] {
  const express = h.app.getHttpAdapter().getInstance() as ExpressLike;
  const stack = express._router?.stack ?? express.router?.stack;
  if (!stack) throw new Error('no Express router stack found (Express internals changed?)');
  return stack;
}

function routesOf(layers: RouterLayer[]): RouteEntry[] {
  const routes: RouteEntry[] = [];
  for (const layer of layers) {
    if (!layer.route) continue;
    const { path, methods } = layer.route;
    if (typeof path !== 'string') throw new Error(`route with a non-string path cannot be checked: ${String(path)}`);
    for (const [method, on] of Object.entries(methods)) {
      if (!on) continue;
      if (method === '_all') throw new Error(`route ${path} answers every method (app.all): review it`);
      routes.push({ method: method.toUpperCase(), path });
    }
  }
  return routes;
}

const key = (r: RouteEntry) => `${r.method} ${r.path}`;
const isDocs = (path: string) => path === '/docs' || path.startsWith('/docs/') || path === '/docs-yaml';

describe('Route guards: every route needs an identity, except the reviewed public ones', () => {
  let bundle: WorkflowBundleWithSourceMap;
  let h: Harness;
  let routes: RouteEntry[];

  beforeAll(async () => {
    bundle = await bundleWorkflows();
    h = await createHarness({ bundle });
    routes = routesOf(routerLayers(h));
  });

  afterAll(async () => {
    await h?.close();
  });

  const http = () => request(h.app.getHttpServer());

  /** Plausible values per path parameter; an unknown parameter name fails so that it gets one. */
  function fill(path: string): string {
    const values: Record<string, string> = {
      cycleId: `cycle.${h.demo.provinceCode}.${h.demo.blocCode}.${h.demo.year}`,
      unitCode: h.demo.unit('HLHPN'),
      provinceCode: h.demo.provinceCode,
      version: '1',
      conditionId: '00000000-0000-4000-8000-000000000001',
      year: String(h.demo.year),
      userId: '00000000-0000-4000-8000-000000000002',
      assignmentId: '00000000-0000-4000-8000-000000000003',
      chainId: `approval.${h.demo.provinceCode}.00000000-0000-4000-8000-000000000004`,
      delegationId: '00000000-0000-4000-8000-000000000005',
      grantId: '00000000-0000-4000-8000-000000000006',
      previewToken: '00000000-0000-4000-8000-000000000007',
      blocCode: h.demo.blocCode,
      membershipId: '00000000-0000-4000-8000-000000000008',
      roundId: `round:${h.demo.provinceCode}:${h.demo.year}:1`,
      sessionId: 'S1',
      submissionId: 'U1',
      id: '00000000-0000-4000-8000-000000000009',
      kind: 'quyet-dinh',
      sha256: '0'.repeat(64),
    };
    return path.replace(/:(\w+)/g, (_, name: string) => {
      const value = values[name];
      if (value === undefined) throw new Error(`no plausible value for path parameter :${name} in ${path}; add one`);
      return encodeURIComponent(value);
    });
  }

  function send(route: RouteEntry, headers: Record<string, string> = {}) {
    const url = fill(route.path);
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options';
    const req = http()[method](url).set(headers);
    return route.method === 'GET' || route.method === 'HEAD' ? req : req.send({});
  }

  it('given the router, should find the application routes and only reviewed middleware', () => {
    expect(routes.length).toBeGreaterThan(30);
    const middleware = routerLayers(h)
      .filter((l) => !l.route)
      .map((l) => `${l.name}@${String(l.rawPath)}`);
    expect(middleware).toEqual(EXPECTED_MIDDLEWARE);
  });

  it('given the web application middleware, should serve pages only to GET navigations and let everything else reach the routes', async () => {
    const page = await http().get('/app/cycles/cycle.X.Y.2020/unit').set('accept', 'text/html');
    // index.html when web/dist is built, a plain 503 naming the build command otherwise: never API data.
    expect([200, 503]).toContain(page.status);
    expect(page.headers['content-type']).toMatch(/^text\/(html|plain)/);
    const root = await http().get('/');
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe('/app/');
    const post = await http().post('/app/inbox').set('accept', 'text/html').send({});
    expect(post.status).toBe(404);
    expect(post.body.code).toBe('ROUTE_NOT_FOUND');
    const asset = await http().get('/app/missing-bundle.js');
    expect(asset.status).toBe(404);
    const api = await http().get('/v1/cycles').set('accept', 'text/html');
    expect(api.status).toBe(401);
  });

  it('given the router and the OpenAPI document, should list the same API routes', async () => {
    const res = await http().get('/docs/openapi.json');
    expect(res.status).toBe(200);
    const documented = Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const routed = routes.filter((r) => !isDocs(r.path)).map(key);
    expect({ undocumented: routed.filter((r) => !documented.includes(r)) }).toEqual({ undocumented: [] });
    expect({ unrouted: documented.filter((r) => !routed.includes(r)) }).toEqual({ unrouted: [] });
    expect(new Set(routed).size).toBe(routed.length);
  });

  it('given no identity headers, should refuse every non-public route with 401 UNAUTHENTICATED', async () => {
    const open: string[] = [];
    const wrong: string[] = [];
    for (const route of routes) {
      const res = await send(route);
      const refused = res.status === 401 && res.body?.code === 'UNAUTHENTICATED';
      if (!refused) {
        open.push(key(route));
        if (!EXPECTED_PUBLIC.includes(key(route)))
          wrong.push(`${key(route)} -> ${res.status} ${JSON.stringify(res.body)?.slice(0, 200)}`);
        else if (res.status >= 500) wrong.push(`public ${key(route)} -> ${res.status}`);
      } else {
        expect(res.body.message).toBe('Chưa xác định được người thực hiện.');
        expect(res.body.status).toBe(401);
      }
    }
    expect(wrong).toEqual([]);
    // Exactly the reviewed list is open: a newly public route fails above, a vanished one fails here.
    expect(open.sort()).toEqual(EXPECTED_PUBLIC);
  });

  it('given a HEAD request without identity, should refuse every non-public GET route too', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.method === 'GET' && !EXPECTED_PUBLIC.includes(key(r)))) {
      const res = await http().head(fill(route.path));
      if (res.status !== 401) wrong.push(`HEAD ${route.path} -> ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('given a missing, malformed, forged, expired, foreign or logged-out token, should refuse every non-public route with 401', async () => {
    const secret = new TextEncoder().encode(h.config.auth.jwtSecret);
    const admin = (await login(h.app, 'admin')).body as { accessToken: string };
    const claims = decodeJwt(admin.accessToken);
    const signed = (key: Uint8Array, iss: string, expiresAt: number) =>
      new SignJWT({ sid: claims.sid })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(String(claims.sub))
        .setIssuer(iss)
        .setAudience('thidua-api')
        .setIssuedAt(expiresAt - 60)
        .setExpirationTime(expiresAt)
        .sign(key);
    const now = Math.floor(Date.now() / 1000);
    const forged = await signed(new TextEncoder().encode('x'.repeat(48)), 'thidua', now + 600);
    const expired = await signed(secret, 'thidua', now - 120);
    const foreign = await signed(secret, 'https://sso.example.gov.vn', now + 600);
    const [header, payload] = admin.accessToken.split('.');
    const unsigned = `${header}.${payload}.`;
    const loggedOut = (await login(h.app, 'admin')).body as { accessToken: string };
    expect(
      (
        await http()
          .post('/v1/auth/logout')
          .set({ authorization: `Bearer ${loggedOut.accessToken}` })
      ).status,
    ).toBe(204);
    const variants: Record<string, string>[] = [
      { authorization: 'Basic YWRtaW46YWRtaW4=' },
      { authorization: 'Bearer' },
      { authorization: 'Bearer not-a-jwt' },
      { authorization: `Bearer ${unsigned}` },
      { authorization: `Bearer ${forged}` },
      { authorization: `Bearer ${expired}` },
      { authorization: `Bearer ${foreign}` },
      { authorization: `Bearer ${loggedOut.accessToken}` },
      // The retired interim identity headers carry no weight.
      { 'x-user-id': 'admin', 'x-user-role': 'ADMIN' },
    ];
    const wrong: string[] = [];
    for (const route of routes.filter((r) => !EXPECTED_PUBLIC.includes(key(r)))) {
      for (const headers of variants) {
        const res = await send(route, headers);
        if (res.status !== 401 || res.body?.code !== 'UNAUTHENTICATED') {
          wrong.push(`${key(route)} with ${JSON.stringify(headers)} -> ${res.status} ${res.body?.code}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
