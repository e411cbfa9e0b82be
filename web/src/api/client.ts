import type { ActingRole, ApiErrorBody, TokenPair } from './types';

export type { ActingRole } from './types';

/** A refusal or failure, with the API's Vietnamese `message` to show people and its stable `code`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly detail?: string,
    /** When the server said to try again (429 login throttling, 503 outage), in seconds. */
    readonly retryAfterSeconds?: number,
    /** Each bad field of a refused master-data write, with a Vietnamese message. */
    readonly problems?: { field: string; message: string; messageVi: string }[],
  ) {
    super(message);
  }
}

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

// Tokens live in memory and in sessionStorage (this tab only, gone when it closes), never in localStorage or cookies.
const TOKENS_KEY = 'thidua.tokens';
const ACTING_KEY = 'thidua.acting';

function read<T>(key: string): T | null {
  try {
    const raw = sessionStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage may be unavailable (private mode); memory still holds the session.
  }
}

let tokens: Tokens | null = read<Tokens>(TOKENS_KEY);
let acting: ActingRole | null = read<ActingRole>(ACTING_KEY);
/** Why the last session ended without the user logging out (shown on the login page). */
let endedNotice: string | null = null;
const listeners = new Set<() => void>();

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed(): void {
  for (const listener of listeners) listener();
}

export const hasSession = (): boolean => tokens !== null;
export const actingRole = (): ActingRole | null => acting;
export const sessionEndedNotice = (): string | null => endedNotice;

function setTokens(next: Tokens | null): void {
  tokens = next;
  write(TOKENS_KEY, next);
}

export function setActingRole(next: ActingRole | null): void {
  acting = next;
  write(ACTING_KEY, next);
  changed();
}

function endSession(notice: string | null): void {
  setTokens(null);
  acting = null;
  write(ACTING_KEY, null);
  endedNotice = notice;
  changed();
}

const networkError = () =>
  new ApiError(0, 'NETWORK', 'Không kết nối được với máy chủ. Vui lòng kiểm tra kết nối mạng rồi thử lại.');

async function send(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<Response> {
  try {
    return await fetch(path, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw networkError();
  }
}

async function toError(res: Response): Promise<ApiError> {
  let body: Partial<ApiErrorBody> = {};
  try {
    body = (await res.json()) as Partial<ApiErrorBody>;
  } catch {
    // Not the API's JSON (a proxy's page): fall back to the status.
  }
  const retryAfter = Number(res.headers.get('retry-after') ?? body.retryAfterSeconds);
  return new ApiError(
    res.status,
    body.code ?? `HTTP_${res.status}`,
    body.message ?? `Máy chủ trả lời lỗi ${res.status}.`,
    body.detail,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    Array.isArray(body.problems) ? body.problems : undefined,
  );
}

let refreshing: Promise<boolean> | null = null;

/** One refresh at a time: refresh tokens rotate, so two concurrent refreshes would end the session. */
function refresh(): Promise<boolean> {
  refreshing ??= (async () => {
    const current = tokens;
    if (!current) return false;
    const res = await send('POST', '/v1/auth/refresh', { refreshToken: current.refreshToken }, {}).catch(() => null);
    if (!res?.ok) {
      endSession('Phiên đăng nhập đã hết hạn hoặc đã kết thúc; vui lòng đăng nhập lại.');
      return false;
    }
    const pair = (await res.json()) as TokenPair;
    setTokens({ accessToken: pair.accessToken, refreshToken: pair.refreshToken });
    return true;
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

export interface RequestOptions {
  /** x-request-id: the same id on a retry returns the first answer (decisions only). */
  requestId?: string;
  /** Prefer: wait=<seconds> (1-25): how long the API may wait for the workflow before answering 202 (decisions only). */
  waitSeconds?: number;
  /** Overrides the acting role for this request (null: none). */
  acting?: ActingRole | null;
}

/** The wait a re-sent decision asks for: the API's longest (MAX_PREFERRED_WAIT_SECONDS). */
const RESEND_WAIT_SECONDS = 25;

/** Calls the API; on 401 refreshes the tokens once and retries; throws ApiError with the server's message. */
export async function api<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const attempt = () => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (tokens) headers.authorization = `Bearer ${tokens.accessToken}`;
    const role = options.acting === undefined ? acting : options.acting;
    if (role) {
      headers['x-acting-role'] = role.role;
      if (role.unitCode) headers['x-acting-unit'] = role.unitCode;
    }
    if (options.requestId) headers['x-request-id'] = options.requestId;
    if (options.waitSeconds) headers.prefer = `wait=${options.waitSeconds}`;
    return send(method, path, body, headers);
  };
  let res = await attempt();
  if (res.status === 401 && tokens && (await refresh())) res = await attempt();
  // 202 REQUEST_IN_PROGRESS: the workflow has not answered yet; re-send with the request id it names, a few times, each
  // time willing to wait as long as the API allows (one held request instead of several).
  for (let polls = 0; res.status === 202 && polls < 5; polls++) {
    const pending = (await res
      .clone()
      .json()
      .catch(() => ({}))) as Partial<ApiErrorBody>;
    if (pending.code !== 'REQUEST_IN_PROGRESS' || !pending.requestId) break;
    options = { ...options, requestId: pending.requestId, waitSeconds: RESEND_WAIT_SECONDS };
    await new Promise((resolve) => setTimeout(resolve, Math.min(pending.retryAfterSeconds ?? 2, 10) * 1000));
    res = await attempt();
  }
  if (!res.ok || res.status === 202) throw await toError(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export async function login(username: string, password: string): Promise<void> {
  const res = await send('POST', '/v1/auth/login', { username, password }, { accept: 'application/json' });
  if (!res.ok) throw await toError(res);
  adoptSession((await res.json()) as TokenPair);
}

/** Makes a session the API answered (a login's, an accepted invitation's) this browser's session. */
export function adoptSession(pair: TokenPair): void {
  endedNotice = null;
  setTokens({ accessToken: pair.accessToken, refreshToken: pair.refreshToken });
  changed();
}

export async function logout(): Promise<void> {
  try {
    if (tokens) await api<void>('POST', '/v1/auth/logout');
  } finally {
    endSession(null);
  }
}

/** A fresh id for one decision (retries of the same click reuse it). */
export function newRequestId(): string {
  return crypto.randomUUID();
}

function authHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  if (tokens) headers.authorization = `Bearer ${tokens.accessToken}`;
  if (acting) {
    headers['x-acting-role'] = acting.role;
    if (acting.unitCode) headers['x-acting-unit'] = acting.unitCode;
  }
  return headers;
}

/** A file the API answers (the organisation workbook): fetched with the session's token, saved by the browser. */
export async function download(path: string, fileName: string): Promise<void> {
  saveBlob(await fetchBlob(path), fileName);
}

/** A file the API answers, fetched with the session's token (a link or a frame cannot carry it). */
export async function fetchBlob(path: string): Promise<Blob> {
  const get = () =>
    fetch(path, { headers: authHeaders(), credentials: 'same-origin' }).catch(() => Promise.reject(networkError()));
  let res = await get();
  if (res.status === 401 && tokens && (await refresh())) res = await get();
  if (!res.ok) throw await toError(res);
  return res.blob();
}

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Uploads a file as multipart/form-data (part "file"), reporting the bytes sent: XMLHttpRequest, since fetch has no
 * upload progress. Answers the API's JSON or throws its ApiError.
 */
export async function upload<T>(path: string, file: File, onProgress: (sent: number, total: number) => void): Promise<T> {
  const attempt = () =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', path);
      for (const [k, v] of Object.entries({ ...authHeaders(), accept: 'application/json' })) xhr.setRequestHeader(k, v);
      xhr.upload.onprogress = (e) => onProgress(e.loaded, e.total || file.size);
      xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText });
      xhr.onerror = () => reject(networkError());
      const form = new FormData();
      form.append('file', file, file.name);
      xhr.send(form);
    });
  let res = await attempt();
  if (res.status === 401 && tokens && (await refresh())) res = await attempt();
  if (res.status >= 200 && res.status < 300) return JSON.parse(res.text) as T;
  throw await toError(new Response(res.text, { status: res.status, headers: { 'content-type': 'application/json' } }));
}
