import { createParamDecorator, Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Role, type Actor } from '../../shared/actors';
import { ErrorCode } from '../../shared/errors';
import { AuthorityService, type AuthenticatedUser } from '../auth/authority.service';
import { ACCESS_TOKEN_VERIFIERS, type AccessTokenVerifier, type Principal } from '../auth/identity';
import { DomainException } from './domain.exception';

/** Optional request headers naming the role (and unit) a person acts in when they hold several. */
export const ACTING_HEADERS = { role: 'x-acting-role', unit: 'x-acting-unit' } as const;

const PUBLIC_KEY = 'thidua:public';
const IDENTITY_ONLY_KEY = 'thidua:identity-only';
const ROLES_KEY = 'thidua:roles';

/** Routes open without a token: login, refresh and health (the API docs are served outside Nest routing). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/**
 * Routes about the caller's own account (who am I, log out): a valid token suffices, and a person holding several
 * roles (or none now) need not choose one. A role named in the headers is still checked.
 */
export const IdentityOnly = () => SetMetadata(IDENTITY_ONLY_KEY, true);
/** Roles allowed at the API boundary for routes that do not reach a workflow validator. */
export const AllowRoles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export interface RequestIdentity {
  user: AuthenticatedUser;
  sessionId?: string;
}

type AuthenticatedRequest = Request & { actor?: Actor; identity?: RequestIdentity };

const CODE = /^[A-Za-z0-9_-]{1,64}$/;

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Registered globally: every route needs a valid access token unless marked @Public(). The token names the
 * user; the user's roles held at this moment (and their unit's bloc seats) make the Actor the workflows check.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authority: AuthorityService,
    @Inject(ACCESS_TOKEN_VERIFIERS) private readonly verifiers: AccessTokenVerifier[],
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.principal(req);
    const at = new Date();
    const { user, ...known } = await this.authority.sessionAuthority(principal.userId, principal.sessionId, at);
    req.identity = { user, sessionId: principal.sessionId };
    const role = header(req, ACTING_HEADERS.role);
    const unitCode = header(req, ACTING_HEADERS.unit);
    if (role !== undefined && !(Object.values(Role) as string[]).includes(role)) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, `${ACTING_HEADERS.role}: unknown role ${role}`);
    }
    if (unitCode !== undefined && !CODE.test(unitCode)) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, `${ACTING_HEADERS.unit} is not a unit code`);
    }
    const identityOnly = this.reflector.getAllAndOverride<boolean>(IDENTITY_ONLY_KEY, targets) ?? false;
    try {
      req.actor = await this.authority.actorFor(user, { role, unitCode }, at, known);
    } catch (error) {
      const unchosen = role === undefined && unitCode === undefined;
      const tolerated =
        error instanceof DomainException && [ErrorCode.ROLE_SELECTION_REQUIRED, ErrorCode.NO_ROLE].includes(error.code);
      if (!(identityOnly && unchosen && tolerated)) throw error;
      return true;
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(req.actor.role)) {
      throw new DomainException(
        ErrorCode.FORBIDDEN_ACTOR,
        `role ${req.actor.role} may not do this; allowed: ${roles.join(', ')}`,
      );
    }
    return true;
  }

  private async principal(req: Request): Promise<Principal> {
    const authorization = header(req, 'authorization');
    const match = authorization ? /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(authorization) : null;
    if (!match)
      throw new DomainException(ErrorCode.UNAUTHENTICATED, 'an Authorization: Bearer <access token> header is required');
    for (const verifier of this.verifiers) {
      const principal = await verifier.verify(match[1]);
      if (principal) return principal;
    }
    throw new DomainException(ErrorCode.UNAUTHENTICATED, 'the access token was not issued by a trusted issuer');
  }
}

/** The acting role where one was resolved (on @IdentityOnly routes it may be absent). */
export const OptionalActor = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Actor | undefined => ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor,
);

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new DomainException(ErrorCode.UNAUTHENTICATED);
  return actor;
});

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestIdentity => {
  const identity = ctx.switchToHttp().getRequest<AuthenticatedRequest>().identity;
  if (!identity) throw new DomainException(ErrorCode.UNAUTHENTICATED);
  return identity;
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
