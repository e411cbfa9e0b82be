import { AsyncLocalStorage } from 'node:async_hooks';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { Observable } from 'rxjs';

/** The longest wait a client may ask for: under the 30 s idle timeout of common load balancers and proxies. */
export const MAX_PREFERRED_WAIT_SECONDS = 25;

/**
 * The `wait` preference of a request's `Prefer` headers (RFC 7240 §4.3: `Prefer: wait=25`), in whole seconds from 1 to
 * MAX_PREFERRED_WAIT_SECONDS (a longer one is capped); undefined when there is none or it is malformed, which the RFC
 * says to ignore. The last `wait` given wins.
 */
export function preferredWait(header: string | string[] | undefined): number | undefined {
  let seconds: number | undefined;
  for (const line of Array.isArray(header) ? header : header === undefined ? [] : [header]) {
    for (const preference of line.split(',')) {
      const match = /^\s*wait\s*=\s*"?(\d{1,6})"?\s*(?:;.*)?$/i.exec(preference);
      if (match) seconds = Math.min(Math.max(Number(match[1]), 1), MAX_PREFERRED_WAIT_SECONDS);
    }
  }
  return seconds;
}

const requestWait = new AsyncLocalStorage<number | undefined>();

/** The wait the current request asked for with `Prefer: wait=…`, if it did (read where a step waits for its workflow). */
export function currentPreferredWait(): number | undefined {
  return requestWait.getStore();
}

/**
 * Runs each route's handler with its request's `wait` preference in scope, so that the one place where a decision waits
 * for its workflow (executeUpdateWithin) honours it without every route passing it along. An interceptor, not an Express
 * middleware: it runs after the body is read, where a continuation keeps its context.
 */
export class PreferWaitInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const wait = preferredWait(context.switchToHttp().getRequest<Request>().headers.prefer);
    if (wait === undefined) return next.handle();
    return new Observable((subscriber) => requestWait.run(wait, () => next.handle().subscribe(subscriber)));
  }
}
