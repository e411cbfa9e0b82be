import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AppConfig } from '../../config/config';
import type { LoginOutcome } from '../../entities/login-attempt.entity';
import { ErrorCode } from '../../shared/errors';
import { DomainException } from '../common/domain.exception';
import { APP_CONFIG } from '../temporal/temporal.module';
import { checkPasswordPolicy, decoyHash, hashPassword, verifyPassword } from './passwords';
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

/** "45 giây", "2 phút", "2 phút 30 giây": how long to wait, for the Vietnamese refusals. */
export function waitVi(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  const minutes = Math.floor(s / 60);
  const rest = s % 60;
  if (minutes === 0) return `${rest} giây`;
  return rest === 0 ? `${minutes} phút` : `${minutes} phút ${rest} giây`;
}

/** Failures of a pair within this window count towards its backoff (a success or an admin unlock resets them). */
const PAIR_WINDOW = "interval '1 day'";
/** Failures of an account from every address within this window count towards slowing it down. */
const ACCOUNT_WINDOW = "interval '1 hour'";
/** Advisory-lock classes (pg_advisory_xact_lock(int, int)): one for usernames, one for addresses. */
const LOCK_USERNAME = 0x7468_01;
const LOCK_ADDRESS = 0x7468_02;

interface Admission {
  ip_recent: number;
  ip_wait: number | null;
  pair_failures: number;
  pair_since_last: number | null;
  known: boolean;
  account_failures: number;
  account_since_last: number | null;
}

/**
 * Password login. Throttling, checked and counted atomically in PostgreSQL (so that parallel requests and several
 * API instances cannot overrun it), never locks an account:
 * - per client address, at most maxLoginsPerMinutePerIp attempts a minute (429 TOO_MANY_LOGIN_ATTEMPTS);
 * - per (account, address) pair, after maxFailedLogins failures each further attempt waits backoffBaseSeconds,
 *   doubling per failure up to lockoutSeconds (429 LOGIN_THROTTLED); a success or an admin unlock resets it;
 * - per account, after accountSlowAfter failures within an hour from every address, addresses that have not logged
 *   in to it within knownAddressDays are slowed to one password check per accountSlowSeconds; an address that
 *   has logged in to it lately is never slowed by what other addresses do.
 * Counted per username whether or not the account exists, so the answers do not reveal which usernames do.
 * Refresh tokens rotate with reuse detection; a session ends at logout or sessionMaxSeconds after its login.
 */
@Injectable()
export class AuthService implements OnModuleInit, OnModuleDestroy {
  private pruneTimer?: NodeJS.Timeout;
  private firstPrune?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Prunes a minute after boot, then hourly (every instance does; the deletes are idempotent). */
  onModuleInit(): void {
    const prune = () => void this.pruneLoginAttempts().catch(() => undefined);
    this.firstPrune = setTimeout(prune, 60_000).unref();
    this.pruneTimer = setInterval(prune, 3600_000).unref();
  }

  onModuleDestroy(): void {
    clearTimeout(this.firstPrune);
    clearInterval(this.pruneTimer);
  }

  async login(usernameInput: string, password: string, ipInput: string): Promise<TokenPair> {
    const username = normalizeUsername(usernameInput).slice(0, 100);
    const ip = ipInput.slice(0, 64);
    const attemptId = await this.admit(username, ip);
    const rows: { id: string; password_hash: string | null; disabled: boolean }[] = await this.dataSource.query(
      `SELECT id, password_hash, disabled FROM users WHERE username = $1`,
      [username],
    );
    const user = rows[0];
    const matches = await verifyPassword(user?.password_hash ?? (await decoyHash()), password);
    if (!user || !user.password_hash || !matches) {
      await this.settle(attemptId, 'BAD_CREDENTIALS');
      throw new DomainException(ErrorCode.INVALID_CREDENTIALS);
    }
    if (user.disabled) {
      await this.settle(attemptId, 'DISABLED');
      throw new DomainException(ErrorCode.INVALID_CREDENTIALS, 'the account is disabled');
    }
    await this.settle(attemptId, 'OK');
    return this.dataSource.transaction((m) => this.issue(m, user.id, randomUUID()));
  }

  /**
   * A person changes their own password: the current one is checked under the same throttling as a login, the new
   * one must pass the password policy, and every other session of the person ends.
   */
  async changePassword(
    user: { id: string; username: string; displayName: string },
    sessionId: string | undefined,
    current: string,
    next: string,
    ipInput: string,
  ): Promise<void> {
    const attemptId = await this.admit(user.username, ipInput.slice(0, 64));
    const rows: { password_hash: string | null }[] = await this.dataSource.query(
      `SELECT password_hash FROM users WHERE id = $1`,
      [user.id],
    );
    const hash = rows[0]?.password_hash;
    if (!hash || !(await verifyPassword(hash, current))) {
      await this.settle(attemptId, 'BAD_CREDENTIALS');
      throw new DomainException(ErrorCode.INVALID_CREDENTIALS, 'the current password is wrong');
    }
    await this.settle(attemptId, 'OK');
    checkPasswordPolicy(next, { username: user.username, displayName: user.displayName });
    const newHash = await hashPassword(next);
    await this.dataSource.transaction(async (m) => {
      await m.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [user.id, newHash]);
      await m.query(
        `UPDATE refresh_tokens SET revoked_at = now()
          WHERE user_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR family_id <> $2::uuid)`,
        [user.id, sessionId ?? null],
      );
    });
  }

  /**
   * Decides whether this attempt may check a password and, if so, records it as PENDING (counted as a failure
   * until settled) in the same transaction, under advisory locks on the username and on the address: the next
   * attempt of either waits for this one's row, so no more checks happen than the limits allow.
   */
  private admit(username: string, ip: string): Promise<string> {
    const auth = this.config.auth;
    return this.dataSource.transaction(async (m) => {
      // Always the username first, then the address: every transaction takes them in the same order.
      await m.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [LOCK_USERNAME, username]);
      await m.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [LOCK_ADDRESS, ip]);
      const [a]: Admission[] = await m.query(
        `WITH reset AS (SELECT lock_reset_at AS t FROM users WHERE username = $1),
         ipw AS (
           SELECT count(*)::int AS n, min(at) AS oldest FROM login_attempts WHERE ip = $2 AND at > now() - interval '1 minute'
         ), pair AS (
           SELECT count(*)::int AS failures, max(at) AS last FROM login_attempts
            WHERE username = $1 AND ip = $2 AND outcome IN ('BAD_CREDENTIALS', 'PENDING')
              AND at > greatest(now() - ${PAIR_WINDOW}, (SELECT t FROM reset),
                (SELECT max(at) FROM login_attempts WHERE username = $1 AND ip = $2 AND outcome = 'OK'))
         ), acct AS (
           SELECT count(*)::int AS failures, max(at) AS last FROM login_attempts
            WHERE username = $1 AND outcome IN ('BAD_CREDENTIALS', 'PENDING')
              AND at > greatest(now() - ${ACCOUNT_WINDOW}, (SELECT t FROM reset))
         )
         SELECT ipw.n AS ip_recent,
                extract(epoch FROM ipw.oldest + interval '1 minute' - clock_timestamp())::float8 AS ip_wait,
                pair.failures AS pair_failures,
                extract(epoch FROM clock_timestamp() - pair.last)::float8 AS pair_since_last,
                EXISTS (SELECT 1 FROM login_attempts WHERE username = $1 AND ip = $2 AND outcome = 'OK'
                          AND at > now() - make_interval(days => $3)) AS known,
                acct.failures AS account_failures,
                extract(epoch FROM clock_timestamp() - acct.last)::float8 AS account_since_last
           FROM ipw, pair, acct`,
        [username, ip, auth.knownAddressDays],
      );
      if (a.ip_recent >= auth.maxLoginsPerMinutePerIp) {
        const wait = Math.max(1, Math.ceil(a.ip_wait ?? 60));
        throw new DomainException(
          ErrorCode.TOO_MANY_LOGIN_ATTEMPTS,
          `more than ${auth.maxLoginsPerMinutePerIp} login attempts a minute from this address; retry in ${wait} s`,
          {
            retryAfterSeconds: wait,
            messageVi: `Quá nhiều lần đăng nhập từ địa chỉ này; vui lòng thử lại sau ${waitVi(wait)}.`,
          },
        );
      }
      const pairWait = pairBackoffSeconds(a.pair_failures, auth) - (a.pair_since_last ?? 0);
      if (a.pair_failures >= auth.maxFailedLogins && pairWait > 0) {
        const wait = Math.ceil(pairWait);
        throw new DomainException(
          ErrorCode.LOGIN_THROTTLED,
          `${a.pair_failures} failed logins of this account from this address; retry in ${wait} s`,
          {
            retryAfterSeconds: wait,
            messageVi: `Đăng nhập sai nhiều lần; vui lòng thử lại sau ${waitVi(wait)}.`,
          },
        );
      }
      const accountWait = auth.accountSlowSeconds - (a.account_since_last ?? auth.accountSlowSeconds);
      if (!a.known && a.account_failures >= auth.accountSlowAfter && accountWait > 0) {
        const wait = Math.ceil(accountWait);
        throw new DomainException(
          ErrorCode.LOGIN_THROTTLED,
          `the account had ${a.account_failures} failed logins within an hour; new addresses may try once every ` +
            `${auth.accountSlowSeconds} s; retry in ${wait} s`,
          {
            retryAfterSeconds: wait,
            messageVi:
              `Đăng nhập sai nhiều lần vào tài khoản này từ nhiều nơi nên tạm thời bị làm chậm; ` +
              `vui lòng thử lại sau ${waitVi(wait)}.`,
          },
        );
      }
      const inserted: { id: string }[] = await m.query(
        `INSERT INTO login_attempts (username, ip, outcome) VALUES ($1, $2, 'PENDING') RETURNING id`,
        [username, ip],
      );
      return inserted[0].id;
    });
  }

  private async settle(attemptId: string, outcome: LoginOutcome): Promise<void> {
    await this.dataSource.query(`UPDATE login_attempts SET outcome = $2 WHERE id = $1`, [attemptId, outcome]);
  }

  /** Forgets attempts that no longer count: failures after a day, successes once their address is no longer known. */
  async pruneLoginAttempts(): Promise<number> {
    const result: [unknown, number] = await this.dataSource.query(
      `DELETE FROM login_attempts
        WHERE (outcome <> 'OK' AND at < now() - ${PAIR_WINDOW}) OR at < now() - make_interval(days => $1)`,
      [this.config.auth.knownAddressDays],
    );
    return result[1];
  }

  /**
   * Rotates the refresh token; a token used twice revokes its whole session (it was stolen or replayed). A session
   * older than sessionMaxSeconds (counted from its login, its first refresh token) is ended: 401 SESSION_EXPIRED.
   */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const hash = TokenService.hashRefreshToken(refreshToken);
    const outcome = await this.dataSource.transaction(
      async (m): Promise<{ pair?: TokenPair; error?: string; code?: ErrorCode }> => {
        const rows: {
          id: string;
          user_id: string;
          family_id: string;
          revoked_at: Date | null;
          expired: boolean;
          session_over: boolean;
          disabled: boolean;
        }[] = await m.query(
          `SELECT r.id, r.user_id, r.family_id, r.revoked_at, r.expires_at <= now() AS expired, u.disabled,
                (SELECT min(f.created_at) FROM refresh_tokens f WHERE f.family_id = r.family_id)
                  <= now() - make_interval(secs => $2) AS session_over
           FROM refresh_tokens r JOIN users u ON u.id = r.user_id WHERE r.token_hash = $1 FOR UPDATE OF r`,
          [hash, this.config.auth.sessionMaxSeconds],
        );
        const row = rows[0];
        if (!row) return { error: 'unknown refresh token' };
        if (row.session_over) {
          await m.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [
            row.family_id,
          ]);
          return {
            code: ErrorCode.SESSION_EXPIRED,
            error: `the session is older than ${this.config.auth.sessionMaxSeconds} s (SESSION_MAX_SECONDS): log in again`,
          };
        }
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
      },
    );
    if (!outcome.pair) throw new DomainException(outcome.code ?? ErrorCode.INVALID_REFRESH_TOKEN, outcome.error);
    return outcome.pair;
  }

  /** Ends the session: every refresh token of it is revoked, and its access tokens are refused from now on. */
  async logout(sessionId: string | undefined): Promise<void> {
    if (!sessionId) return;
    await this.dataSource.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [
      sessionId,
    ]);
  }

  /** The longest wait any address has now before it may try this account's password again (for admins). */
  async lockedForSeconds(username: string): Promise<number> {
    const rows: { failures: number; since_last: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS failures, extract(epoch FROM clock_timestamp() - max(a.at))::float8 AS since_last
         FROM login_attempts a
        WHERE a.username = $1 AND a.outcome IN ('BAD_CREDENTIALS', 'PENDING')
          AND a.at > greatest(now() - ${PAIR_WINDOW}, (SELECT lock_reset_at FROM users WHERE username = $1),
            (SELECT max(o.at) FROM login_attempts o WHERE o.username = a.username AND o.ip = a.ip AND o.outcome = 'OK'))
        GROUP BY a.ip`,
      [username],
    );
    const { auth } = this.config;
    const waits = rows
      .filter((r) => r.failures >= auth.maxFailedLogins)
      .map((r) => pairBackoffSeconds(r.failures, auth) - r.since_last);
    return Math.max(0, Math.ceil(Math.max(0, ...waits)));
  }

  /**
   * A new session for a person whose identity the caller has just proven by other means than a password check (the
   * one-time invitation link whose password was set in the same transaction `m`): the same token pair as a login.
   */
  openSession(m: EntityManager, userId: string): Promise<TokenPair> {
    return this.issue(m, userId, randomUUID());
  }

  private async issue(m: EntityManager, userId: string, familyId: string): Promise<TokenPair> {
    const refresh = this.tokens.newRefreshToken();
    await m.query(
      // Never past the end of the session (its first token's creation + sessionMaxSeconds).
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
       VALUES ($1, $2, $3, least(now() + make_interval(secs => $4),
         coalesce((SELECT min(created_at) FROM refresh_tokens WHERE family_id = $2), now()) + make_interval(secs => $5)))`,
      [userId, familyId, refresh.hash, this.config.auth.refreshTokenSeconds, this.config.auth.sessionMaxSeconds],
    );
    return {
      accessToken: await this.tokens.issueAccessToken(userId, familyId),
      refreshToken: refresh.token,
      tokenType: 'Bearer',
      expiresIn: this.tokens.accessTokenSeconds,
    };
  }
}

/** A pair at or over maxFailedLogins failures waits base × 2^(failures − max), at most lockoutSeconds. */
function pairBackoffSeconds(failures: number, auth: AppConfig['auth']): number {
  if (failures < auth.maxFailedLogins) return 0;
  const doublings = Math.min(failures - auth.maxFailedLogins, 30);
  return Math.min(auth.backoffBaseSeconds * 2 ** doublings, auth.lockoutSeconds);
}
