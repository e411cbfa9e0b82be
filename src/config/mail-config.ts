/**
 * SMTP settings of the worker's mail sender, from the environment. SMTP_URL (smtp://user:password@host:port, or
 * smtps:// for implicit TLS) or SMTP_HOST with SMTP_PORT, SMTP_USER, SMTP_PASSWORD; SMTP_FROM the sender; APP_BASE_URL
 * the web app's origin the links start with. Neither SMTP_URL nor SMTP_HOST: undefined (the outbox fills, nothing is
 * sent; the worker says so at boot).
 */
export interface MailConfig {
  /** A nodemailer SMTP URL or options. */
  transport: string | { host: string; port: number; secure: boolean; auth?: { user: string; pass: string } };
  from: string;
  appBaseUrl: string;
  /** How often the sender looks for pending mail. */
  pollMs: number;
}

type Env = Record<string, string | undefined>;

export function loadMailConfig(env: Env, problems: string[]): MailConfig | undefined {
  const url = env.SMTP_URL || undefined;
  const host = env.SMTP_HOST || undefined;
  if (!url && !host) return undefined;
  if (url && !/^smtps?:\/\//.test(url)) problems.push('SMTP_URL must start with smtp:// or smtps://');
  const port = Number(env.SMTP_PORT || 587);
  if (!url && (!Number.isInteger(port) || port < 1 || port > 65535))
    problems.push(`SMTP_PORT must be 1-65535, got "${env.SMTP_PORT}"`);
  if (Boolean(env.SMTP_USER) !== Boolean(env.SMTP_PASSWORD)) problems.push('SMTP_USER and SMTP_PASSWORD must be set together');
  const appBaseUrl = env.APP_BASE_URL || `http://127.0.0.1:${env.PORT || 3000}`;
  if (!/^https?:\/\/[^\s/]+/.test(appBaseUrl)) problems.push(`APP_BASE_URL must be an http(s) origin, got "${appBaseUrl}"`);
  const pollSeconds = Number(env.MAIL_POLL_SECONDS || 2);
  if (!(pollSeconds > 0 && pollSeconds <= 3600))
    problems.push(`MAIL_POLL_SECONDS must be 0-3600, got "${env.MAIL_POLL_SECONDS}"`);
  return {
    transport: url ?? {
      host: host as string,
      port,
      secure: port === 465,
      ...(env.SMTP_USER ? { auth: { user: env.SMTP_USER, pass: env.SMTP_PASSWORD ?? '' } } : {}),
    },
    from: env.SMTP_FROM || 'Thi đua – Khen thưởng <no-reply@thidua.invalid>',
    appBaseUrl: appBaseUrl.replace(/\/+$/, ''),
    pollMs: Math.round(pollSeconds * 1000),
  };
}
