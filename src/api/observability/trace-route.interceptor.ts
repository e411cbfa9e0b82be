import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { routeOf } from './logging';

/**
 * Names the HTTP server span after the route template (`POST /v1/cycles/:cycleId/launch`) once Express matched it,
 * so traces group by route like the logs and metrics do. Installed only when tracing is on.
 */
export class TraceRouteInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const span = trace.getActiveSpan();
    if (span && context.getType() === 'http') {
      const req = context.switchToHttp().getRequest<Request>();
      const route = routeOf(req);
      if (route) {
        span.updateName(`${req.method} ${route}`);
        span.setAttribute('http.route', route);
      }
    }
    return next.handle();
  }
}
