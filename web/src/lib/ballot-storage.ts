import { newReceiptSecret, type TellerKey } from './ballot-keys';

/** The browser's storage of ballot keys: the teller key in this tab until the count, a vote's request in flight. */

/** Where this tab keeps the teller's private key until the final close (sessionStorage: this tab only). */
export const tellerStorageKey = (cycleId: string) => `thidua.khoa-kiem-phieu.${cycleId}`;

export function storedTellerKey(cycleId: string): TellerKey | undefined {
  try {
    const raw = sessionStorage.getItem(tellerStorageKey(cycleId));
    return raw ? (JSON.parse(raw) as TellerKey) : undefined;
  } catch {
    return undefined;
  }
}

export function storeTellerKey(cycleId: string, key: TellerKey | undefined): void {
  if (key) sessionStorage.setItem(tellerStorageKey(cycleId), JSON.stringify(key));
  else sessionStorage.removeItem(tellerStorageKey(cycleId));
}

/** The teller key as a file to keep apart (khóa kiểm phiếu), so a closed tab does not lose the count. */
export function tellerKeyFile(cycleId: string, key: TellerKey): { name: string; href: string } {
  const text = JSON.stringify({ cycleId, ...key, note: 'Khóa kiểm phiếu: giữ bí mật, chỉ dùng khi kiểm phiếu.' }, null, 2);
  return { name: `khoa-kiem-phieu-${cycleId}.json`, href: `data:application/json;charset=utf-8,${encodeURIComponent(text)}` };
}

/** Reads a teller key file (or its private key pasted as base64). */
export function parseTellerKey(text: string): string | undefined {
  const trimmed = text.trim();
  try {
    const parsed = JSON.parse(trimmed) as Partial<TellerKey>;
    if (typeof parsed.privateKey === 'string') return parsed.privateKey;
  } catch {
    // Not a key file: perhaps the bare key.
  }
  return /^[A-Za-z0-9+/]{40,1000}={0,2}$/.test(trimmed) ? trimmed : undefined;
}

/** A vote in flight: its request id and receipt secret, kept until it is answered so a retry is the same request. */
export interface PendingVote {
  requestId: string;
  receiptSecret: string;
}

const voteKey = (cycleId: string, unit: string, round: number) => `thidua.phieu.${cycleId}.${unit}.${round}`;

export function pendingVote(cycleId: string, unit: string, round: number): PendingVote {
  const key = voteKey(cycleId, unit, round);
  const raw = sessionStorage.getItem(key);
  if (raw) return JSON.parse(raw) as PendingVote;
  const fresh = { requestId: globalThis.crypto.randomUUID(), receiptSecret: newReceiptSecret() };
  sessionStorage.setItem(key, JSON.stringify(fresh));
  return fresh;
}

/** The receipt of this unit's vote in a round, kept on this device (localStorage) to check the published count. */
export const receiptStorageKey = (cycleId: string, unit: string, round: number) => `thidua.bien-nhan.${cycleId}.${unit}.${round}`;
