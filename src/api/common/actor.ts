import { createParamDecorator, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Role, ROLES, UNIT_ROLES, type Actor } from '../../shared/actors';
import { ErrorCode } from '../../shared/errors';
import { DomainException } from './domain.exception';

/**
 * Interim identity: the caller names itself in headers. Real authentication replaces `resolveActor`
 * only; the workflows check entitlement themselves whatever the source of the identity.
 */
export const ACTOR_HEADERS = { user: 'x-user-id', role: 'x-user-role', unit: 'x-unit-code' } as const;

const PUBLIC_KEY = 'thidua:public';
const ROLES_KEY = 'thidua:roles';

/** Routes open without an identity: health and nothing else (the API docs are served outside Nest routing). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/** Roles allowed at the API boundary for routes that do not reach a workflow validator. */
export const AllowRoles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

type ActorRequest = Request & { actor?: Actor };

const IDENT = /^[\p{L}\p{N}._@-]{1,100}$/u;

export function resolveActor(req: Request): Actor {
  const header = (name: string) => {
    const value = req.headers[name];
    return typeof value === 'string' ? value.normalize('NFC').trim() : undefined;
  };
  const userId = header(ACTOR_HEADERS.user);
  const role = header(ACTOR_HEADERS.role);
  const unitCode = header(ACTOR_HEADERS.unit) || undefined;
  if (!userId || !role)
    throw new DomainException(ErrorCode.UNAUTHENTICATED, `headers ${ACTOR_HEADERS.user} and ${ACTOR_HEADERS.role} are required`);
  if (!IDENT.test(userId)) throw new DomainException(ErrorCode.UNAUTHENTICATED, `${ACTOR_HEADERS.user} is not a valid user id`);
  if (!ROLES.includes(role as Role))
    throw new DomainException(ErrorCode.UNAUTHENTICATED, `unknown role ${role}; one of ${ROLES.join(', ')}`);
  if (UNIT_ROLES.includes(role as Role) && !unitCode) {
    throw new DomainException(ErrorCode.UNAUTHENTICATED, `${ACTOR_HEADERS.unit} is required for role ${role}`);
  }
  if (unitCode && !IDENT.test(unitCode))
    throw new DomainException(ErrorCode.UNAUTHENTICATED, `${ACTOR_HEADERS.unit} is not a valid unit code`);
  return { userId, role: role as Role, unitCode: UNIT_ROLES.includes(role as Role) ? unitCode : undefined };
}

/** Registered globally: every route needs an identity unless marked @Public(). */
@Injectable()
export class ActorGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<ActorRequest>();
    req.actor = resolveActor(req);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(req.actor.role)) {
      throw new DomainException(
        ErrorCode.FORBIDDEN_ACTOR,
        `role ${req.actor.role} may not do this; allowed: ${roles.join(', ')}`,
      );
    }
    return true;
  }
}

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<ActorRequest>().actor;
  if (!actor) throw new DomainException(ErrorCode.UNAUTHENTICATED);
  return actor;
});

/** A client request id per decision; it becomes the Temporal update id, so a retry returns the first answer. */
export const RequestId = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  const value = ctx.switchToHttp().getRequest<Request>().headers['x-request-id'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[A-Za-z0-9._:-]{8,128}$/.test(value)) {
    throw new DomainException(ErrorCode.VALIDATION_FAILED, 'x-request-id must be 8-128 characters of [A-Za-z0-9._:-]');
  }
  return value;
});
