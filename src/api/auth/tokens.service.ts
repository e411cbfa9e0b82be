import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { decodeJwt, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { AppConfig } from '../../config/config';
import { ErrorCode } from '../../shared/errors';
import { DomainException } from '../common/domain.exception';
import { APP_CONFIG } from '../temporal/temporal.module';
import type { AccessTokenVerifier, Principal } from './identity';

const AUDIENCE = 'thidua-api';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Short-lived HS256 access tokens (sub = users.id, sid = session) and opaque refresh tokens stored hashed. */
@Injectable()
export class TokenService implements AccessTokenVerifier {
  private readonly key: Uint8Array;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = new TextEncoder().encode(config.auth.jwtSecret);
  }

  get accessTokenSeconds(): number {
    return this.config.auth.accessTokenSeconds;
  }

  issueAccessToken(userId: string, sessionId: string): Promise<string> {
    return new SignJWT({ sid: sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setIssuer(this.config.auth.issuer)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.config.auth.accessTokenSeconds}s`)
      .sign(this.key);
  }

  async verify(token: string): Promise<Principal | undefined> {
    let issuer: unknown;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw new DomainException(ErrorCode.UNAUTHENTICATED, 'the bearer token is not a JWT');
    }
    if (issuer !== this.config.auth.issuer) return undefined;
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: this.config.auth.issuer,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        // A token without an expiry would be valid forever: refused even when correctly signed.
        requiredClaims: ['exp', 'iat', 'sub'],
      });
      // users.id and the session id are uuids: anything else is refused here, not by a failing SQL cast later.
      if (
        typeof payload.sub !== 'string' ||
        !UUID.test(payload.sub) ||
        typeof payload.sid !== 'string' ||
        !UUID.test(payload.sid)
      ) {
        throw new DomainException(ErrorCode.UNAUTHENTICATED, 'the access token lacks a well-formed subject or session');
      }
      return { userId: payload.sub, sessionId: payload.sid };
    } catch (error) {
      if (error instanceof DomainException) throw error;
      const detail =
        error instanceof joseErrors.JWTExpired ? 'the access token has expired; refresh it' : 'the access token is invalid';
      throw new DomainException(ErrorCode.UNAUTHENTICATED, detail);
    }
  }

  newRefreshToken(): { token: string; hash: string } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: TokenService.hashRefreshToken(token) };
  }

  static hashRefreshToken(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }
}
