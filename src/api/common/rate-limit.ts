import { applyDecorators, Injectable, SetMetadata, UseGuards, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerModuleOptions, type ThrottlerRequest } from '@nestjs/throttler';
import type { Request } from 'express';
import { DEFAULT_RATE_LIMITS, type RateLimitConfig } from '../../config/config';
import { ErrorCode } from '../../shared/errors';
import { DomainException } from './domain.exception';

/** The kinds of expensive route, each a named throttler with its own limit per window (RATE_LIMIT_*). */
export type RateLimitKind = 'audit' | 'bulk';

const RATE_LIMIT_KIND = 'thidua:rate-limit-kind';

/** The 429 of each kind, for the OpenAPI document (Documented's `throttled`). */
export const AUDIT_THROTTLED =
  'RATE_LIMITED: over RATE_LIMIT_AUDIT verifications and evidence bundles per RATE_LIMIT_WINDOW_SECONDS for this user; Retry-After says when to try again';
export const BULK_THROTTLED =
  'RATE_LIMITED: over RATE_LIMIT_BULK imports, exports and bulk decisions per RATE_LIMIT_WINDOW_SECONDS for this user; Retry-After says when to try again';

export function throttlerOptions(limits: RateLimitConfig = DEFAULT_RATE_LIMITS): ThrottlerModuleOptions {
  const ttl = limits.windowSeconds * 1000;
  return {
    throttlers: [
      { name: 'audit', ttl, limit: limits.audit },
      { name: 'bulk', ttl, limit: limits.bulk },
    ],
  };
}

/**
 * Counts the route's requests against its kind's limit (in this API instance's memory). Runs after the global
 * AuthGuard, so the count is per user; a request without a user (none of today's limited routes) counts per address.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async handleRequest(props: ThrottlerRequest): Promise<boolean> {
    const kind = this.reflector.getAllAndOverride<RateLimitKind | undefined>(RATE_LIMIT_KIND, [
      props.context.getHandler(),
      props.context.getClass(),
    ]);
    if (kind !== props.throttler.name) return true;
    return super.handleRequest(props);
  }

  protected override getTracker(req: Record<string, unknown>): Promise<string> {
    const r = req as unknown as Request & { identity?: { user: { id: string } } };
    const userId = r.identity?.user.id;
    return Promise.resolve(userId ? `user:${userId}` : `ip:${r.ip ?? 'unknown'}`);
  }

  /** One count per kind and user, across the kind's routes (the library's default counts each route apart). */
  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${tracker}`;
  }

  protected override throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new DomainException(
      ErrorCode.RATE_LIMITED,
      `at most ${detail.limit} of these requests per ${Math.round(detail.ttl / 1000)} s; try again in ${detail.timeToBlockExpire} s`,
      { retryAfterSeconds: detail.timeToBlockExpire },
    );
  }
}

/** An expensive route: limited per user to RATE_LIMIT_<KIND> requests per RATE_LIMIT_WINDOW_SECONDS (429 RATE_LIMITED). */
export function RateLimited(kind: RateLimitKind): MethodDecorator {
  return applyDecorators(SetMetadata(RATE_LIMIT_KIND, kind), UseGuards(RateLimitGuard));
}
