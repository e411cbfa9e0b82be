import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import type { Request } from 'express';
import pino, { type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import pinoHttp, { type HttpLogger } from 'pino-http';
import type { Actor } from '../../shared/actors';

/**
 * Belt and braces: request bodies are never logged (no serializer reads them), and these paths are censored should a
 * future log call pass a header set, a token pair, a login or a vote anyway.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'password',
  'newPassword',
  'currentPassword',
  'accessToken',
  'refreshToken',
  'tellerPrivateKey',
  'receiptSecret',
  'choices',
  'sealed',
  'body',
  // An activity's task token completes it for whoever holds it (the worker's SDK lines carry it).
  'taskToken',
  // The SDK's 'Creating worker' (debug) line dumps the worker options, whose payload codec holds the signing key.
  'options.dataConverter',
  'options.loadedDataConverter',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.accessToken',
  '*.refreshToken',
  '*.tellerPrivateKey',
  '*.receiptSecret',
  '*.choices',
  '*.sealed',
  '*.body',
];

const LEVELS: readonly LevelWithSilent[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** LOG_LEVEL (default info); an unknown level is refused at start rather than silently ignored. */
export function logLevel(env: NodeJS.ProcessEnv = process.env): LevelWithSilent {
  const level = (env.LOG_LEVEL ?? 'info').toLowerCase();
  if (!(LEVELS as string[]).includes(level)) throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(', ')}: got ${level}`);
  return level as LevelWithSilent;
}

/** One JSON object per line on stdout (or `destination`, which the tests capture). */
export function createLogger(options: { level?: LevelWithSilent; destination?: DestinationStream; name?: string } = {}): Logger {
  return pino(
    {
      name: options.name,
      level: options.level ?? logLevel(),
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

/** A client's x-request-id is kept when it is a plain token; anything else gets a fresh id (never echoed raw). */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

type LoggedRequest = Request & { actor?: Actor; identity?: { user: { id: string } } };

/** The route template Express matched (/v1/cycles/:cycleId/ballot/votes), so ids do not make every line unique. */
export function routeOf(req: Request): string | undefined {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl ?? ''}${path}` : undefined;
}

/**
 * One line per answered request: its id (also in the X-Request-Id answer header), method, route template, status,
 * duration, and who asked (user id, acting role). No headers, query strings or bodies.
 */
export function httpLogger(logger: Logger): HttpLogger<IncomingMessage, ServerResponse> {
  return pinoHttp({
    logger,
    genReqId(req, res) {
      const offered = req.headers['x-request-id'];
      const id = typeof offered === 'string' && SANE_REQUEST_ID.test(offered) ? offered : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    quietReqLogger: true,
    quietResLogger: true,
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage & { id?: unknown }) => ({ method: req.method }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      err: pino.stdSerializers.err,
    },
    customProps(req) {
      const r = req as LoggedRequest;
      // The role the guard resolved (the x-acting-role header when the person holds several), not the raw header.
      const role = r.actor?.role;
      return {
        method: r.method,
        route: routeOf(r) ?? 'unmatched',
        ...(r.identity ? { userId: r.identity.user.id } : {}),
        ...(role ? { role } : {}),
      };
    },
    customLogLevel(_req, res, err) {
      if (err || res.statusCode >= 500) return 'error';
      return 'info';
    },
    customSuccessMessage: (req, res) => `${req.method} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${res.statusCode}`,
    customAttributeKeys: { responseTime: 'durationMs' },
  });
}

/** Nest's own messages (bootstrap, route mapping, uncaught errors) through the same JSON logger. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /** Nest passes (message, context) or (message, stack, context); the last string is the context. */
  private write(level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace', message: unknown, rest: unknown[]): void {
    const strings = rest.filter((r): r is string => typeof r === 'string');
    const context = strings.length > 0 ? strings[strings.length - 1] : undefined;
    const stack = level === 'error' && strings.length > 1 ? strings[0] : undefined;
    const fields: Record<string, unknown> = { context };
    if (stack) fields.stack = stack;
    if (message instanceof Error) this.logger[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[level]({ ...fields, detail: message }, 'nest');
    else this.logger[level](fields, String(message));
  }
}
