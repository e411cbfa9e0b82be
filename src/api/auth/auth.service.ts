import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AppConfig } from '../../config/config';
import type { LoginOutcome } from '../../entities/login-attempt.entity';
import { ErrorCode } from '../../shared/errors';
import { DomainException } from '../common/domain.exception';
import { APP_CONFIG } from '../temporal/temporal.module';
import { decoyHash, verifyPassword } from './passwords';
import { TokenService } from './tokens.service';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

/** Usernames are compared lower-case and NFC, as they are stored. */
export function normalizeUsername(username: string): string {
  return username.normalize('NFC').trim().toLowerCase();
}

/**
 * Password login with rate limiting per client address and a lockout per username (counted whether or not the
 * account exists, so answers do not reveal which usernames do), rotating refresh tokens with reuse detection,
 * and logout that ends the session for every token of it.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(usernameInput: string, password: string, ip: string): Promise<TokenPair> {
    const username = normalizeUsername(usernameInput);
    const { maxLoginsPerMinutePerIp } = this.config.auth;
    const [{ n: recentFromIp }]: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM login_attempts WHERE ip = $1 AND at > now() - interval '1 minute' AND outcome <> 'THROTTLED'`,
      [ip],
    );
    if (recentFromIp >= maxLoginsPerMinutePerIp) {
      await this.recordAttempt(username, ip, 'THROTTLED');
      throw new DomainException(
        ErrorCode.TOO_MANY_LOGIN_ATTEMPTS,
        `more than ${maxLoginsPerMinutePerIp} login attempts a minute from this address`,
      );
    }
    const lockedFor = await this.lockedForSeconds(username);
    if (lockedFor > 0) {
      await this.recordAttempt(username, ip, 'LOCKED');
      throw new DomainException(ErrorCode.ACCOUNT_LOCKED, `locked after repeated failures; try again in ${lockedFor} s`);
    }
    const rows: { id: string; password_hash: string | null; disabled: boolean }[] = await this.dataSource.query(
      `SELECT id, password_hash, disabled FROM users WHERE username = $1`,
      [username],
    );
    const user = rows[0];
    const matches = await verifyPassword(user?.password_hash ?? (await decoyHash()), password);
    if (!user || !user.password_hash || !matches) {
      await this.recordAttempt(username, ip, 'BAD_CREDENTIALS');
      throw new DomainException(ErrorCode.INVALID_CREDENTIALS);
    }
    if (user.disabled) {
      await this.recordAttempt(username, ip, 'DISABLED');
      throw new DomainException(ErrorCode.INVALID_CREDENTIALS, 'the account is disabled');
    }
    await this.recordAttempt(username, ip, 'OK');
    return this.dataSource.transaction((m) => this.issue(m, user.id, randomUUID()));
  }

  /** Rotates the refresh token; a token used twice revokes its whole session (it was stolen or replayed). */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const hash = TokenService.hashRefreshToken(refreshToken);
    const outcome = await this.dataSource.transaction(async (m) => {
      const rows: {
        id: string;
        user_id: string;
        family_id: string;
        revoked_at: Date | null;
        expired: boolean;
        disabled: boolean;
      }[] = await m.query(
        `SELECT r.id, r.user_id, r.family_id, r.revoked_at, r.expires_at <= now() AS expired, u.disabled
           FROM refresh_tokens r JOIN users u ON u.id = r.user_id WHERE r.token_hash = $1 FOR UPDATE OF r`,
        [hash],
      );
      const row = rows[0];
      if (!row) return { error: 'unknown refresh token' };
      if (row.revoked_at) {
        await m.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [
          row.family_id,
        ]);
        return { error: 'refresh token already used: the session is ended' };
      }
      if (row.expired || row.disabled) return { error: 'the session has expired' };
      const pair = await this.issue(m, row.user_id, row.family_id);
      await m.query(
        `UPDATE refresh_tokens SET revoked_at = now(), replaced_by = (SELECT id FROM refresh_tokens WHERE token_hash = $2)
         WHERE id = $1`,
        [row.id, TokenService.hashRefreshToken(pair.refreshToken)],
      );
      return { pair };
    });
    if (!outcome.pair) throw new DomainException(ErrorCode.INVALID_REFRESH_TOKEN, outcome.error);
    return outcome.pair;
  }

  /** Ends the session: every refresh token of it is revoked, and its access tokens are refused from now on. */
  async logout(sessionId: string | undefined): Promise<void> {
    if (!sessionId) return;
    await this.dataSource.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [
      sessionId,
    ]);
  }

  /** Seconds left of a lockout: failures since the last success or admin unlock, within the lockout window. */
  async lockedForSeconds(username: string): Promise<number> {
    const { maxFailedLogins, lockoutSeconds } = this.config.auth;
    const rows: { failures: number; oldest: Date | null }[] = await this.dataSource.query(
      `WITH since AS (
         SELECT greatest(
           now() - make_interval(secs => $2),
           (SELECT max(at) FROM login_attempts WHERE username = $1 AND outcome = 'OK'),
           (SELECT lock_reset_at FROM users WHERE username = $1)
         ) AS t
       ), recent AS (
         SELECT at FROM login_attempts, since WHERE username = $1 AND outcome = 'BAD_CREDENTIALS' AND at > since.t
         ORDER BY at DESC LIMIT $3
       )
       SELECT count(*)::int AS failures, min(at) AS oldest FROM recent`,
      [username, lockoutSeconds, maxFailedLogins],
    );
    const { failures, oldest } = rows[0];
    if (failures < maxFailedLogins || !oldest) return 0;
    return Math.max(1, Math.ceil((oldest.getTime() + lockoutSeconds * 1000 - Date.now()) / 1000));
  }

  private async issue(m: EntityManager, userId: string, familyId: string): Promise<TokenPair> {
    const refresh = this.tokens.newRefreshToken();
    await m.query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
      [userId, familyId, refresh.hash, this.config.auth.refreshTokenSeconds],
    );
    return {
      accessToken: await this.tokens.issueAccessToken(userId, familyId),
      refreshToken: refresh.token,
      tokenType: 'Bearer',
      expiresIn: this.tokens.accessTokenSeconds,
    };
  }

  private async recordAttempt(username: string, ip: string, outcome: LoginOutcome): Promise<void> {
    await this.dataSource.query(`INSERT INTO login_attempts (username, ip, outcome) VALUES ($1, $2, $3)`, [
      username.slice(0, 100),
      ip.slice(0, 64),
      outcome,
    ]);
  }
}
