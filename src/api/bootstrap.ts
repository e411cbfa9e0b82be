import { existsSync } from 'node:fs';
import path from 'node:path';
import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { ErrorCode } from '../shared/errors';
import { AppModule } from './app.module';
import { DomainException } from './common/domain.exception';
import { NfcPipe } from './common/nfc.pipe';
import { PreferWaitInterceptor } from './common/prefer-wait';
import { createLogger, httpLogger, logLevel, PinoNestLogger } from './observability/logging';
import { createApiMetrics } from './observability/metrics';
import { TraceRouteInterceptor } from './observability/trace-route.interceptor';
import { currentTracing } from './observability/tracing';
import { buildApiDocument, enableApiVersioning } from './openapi';

export interface CreateAppOptions {
  /** false: no log at all (unless logStream is given). */
  logger?: false;
  /** Where the JSON log lines go instead of stdout (the tests read them). */
  logStream?: DestinationStream;
}

/** Builds the HTTP application; shared by main.ts and the integration tests so both run the same stack. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<INestApplication> {
  const silent = options.logger === false && !options.logStream;
  const logger = createLogger({
    level: silent ? 'silent' : logLevel({ LOG_LEVEL: config.logLevel }),
    destination: options.logStream,
    name: 'api',
  });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: silent ? false : new PinoNestLogger(logger),
    bodyParser: true,
  });
  // First: every answer (even a refused or static one) is logged and counted.
  const requestLogger = httpLogger(logger);
  app.use(function logRequest(req: Request, res: Response, next: NextFunction) {
    requestLogger(req, res, next);
  });
  const metrics = createApiMetrics(app.get(DataSource), { token: config.metricsToken });
  app.use(metrics.middleware);
  app.use(metrics.handler);
  app.useBodyParser('json', { limit: '256kb' });
  app.disable('x-powered-by');
  app.use(securityHeaders);
  // Behind a reverse proxy, the client address (login rate limit) comes from X-Forwarded-For of trusted hops only.
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);
  enableApiVersioning(app);
  app.useGlobalPipes(
    new NfcPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) =>
        new DomainException(
          ErrorCode.VALIDATION_FAILED,
          errors
            .flatMap(function flatten(e): string[] {
              return [...Object.values(e.constraints ?? {}), ...(e.children ?? []).flatMap(flatten)];
            })
            .join('; '),
        ),
    }),
  );
  app.useGlobalInterceptors(new PreferWaitInterceptor());
  if (currentTracing()) app.useGlobalInterceptors(new TraceRouteInterceptor());
  app.enableShutdownHooks();
  const document = buildApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  serveWebApp(app);
  return app;
}

/**
 * Headers on every answer: no MIME sniffing, no framing (clickjacking), no referrer, and for the API (/v1, JSON
 * only) a CSP that loads nothing and no caching (answers carry personal data and tokens). /docs keeps the Swagger
 * UI's own scripts and styles (only framing is forbidden there); /app sets its own CSP (WEB_APP_HEADERS).
 */
function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  if (req.path.startsWith('/v1/')) {
    res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    res.setHeader('Cache-Control', 'no-store');
  } else if (!req.path.startsWith(WEB_APP_PREFIX)) {
    res.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
  }
  next();
}

/** Where the page URLs of the web application live; the API stays under /v1. */
export const WEB_APP_PREFIX = '/app';

const WEB_APP_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    // frame-src blob: the inline preview of an uploaded PDF, fetched with the session's token into a blob: URL.
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self' blob:; " +
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // Unhashed file names: the browser revalidates (ETag) instead of keeping an old bundle.
  'Cache-Control': 'no-cache',
};

/** web/dist, built by `npm run build:web`: next to src/ when run from TypeScript, one level further up from dist/src/. */
function webAppRoot(): string {
  const candidates = [path.resolve(__dirname, '../../web/dist'), path.resolve(__dirname, '../../../web/dist')];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? candidates[0];
}

/**
 * The single-page web application: public static files (the bundle holds no data; every API call it makes carries
 * the user's token and meets the guard like any other client). Browser navigations to client routes (/app/inbox,
 * /app/cycles/...) get index.html; `/` redirects to the application.
 */
function serveWebApp(app: NestExpressApplication): void {
  const root = webAppRoot();
  const setHeaders = (res: Response) => {
    for (const [name, value] of Object.entries(WEB_APP_HEADERS)) res.setHeader(name, value);
  };
  app.useStaticAssets(root, { prefix: WEB_APP_PREFIX, index: 'index.html', setHeaders });
  app.use(WEB_APP_PREFIX, function webAppFallback(req: Request, res: Response, next: NextFunction) {
    // A page the browser navigates to (ids in client routes may contain dots); a missing asset stays a 404.
    const navigation = (req.headers.accept ?? '').includes('text/html');
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !navigation) return next();
    const index = path.join(root, 'index.html');
    if (!existsSync(index)) {
      res.status(503).type('text/plain; charset=utf-8').send('Ứng dụng web chưa được xây dựng: chạy npm run build:web.');
      return;
    }
    setHeaders(res);
    res.sendFile(index);
  });
  app.use(function redirectRootToWebApp(req: Request, res: Response, next: NextFunction) {
    if ((req.method === 'GET' || req.method === 'HEAD') && req.path === '/') return res.redirect(302, `${WEB_APP_PREFIX}/`);
    next();
  });
}
