/**
 * The browser's part of the sealed ballot, with WebCrypto only: the teller key (khóa kiểm phiếu) of whoever
 * opens the ballot, and the voter's receipt secret and receipt code. The browser never seals nor opens a
 * paper; the API does, with the same receipt derivation (src/api/cycles/ballot-seal.ts).
 */

const b64 = (bytes: ArrayBuffer | Uint8Array): string => {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let text = '';
  for (const byte of view) text += String.fromCharCode(byte);
  return btoa(text);
};
const b64url = (bytes: ArrayBuffer | Uint8Array): string => b64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromB64url = (text: string): ArrayBuffer => {
  const plain = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(plain.length));
  for (let i = 0; i < plain.length; i++) bytes[i] = plain.charCodeAt(i);
  return bytes.buffer;
};

export interface TellerKey {
  /** SPKI DER, base64: sent with the opening of the ballot. */
  publicKey: string;
  /** PKCS8 DER, base64: stays with the teller until the close. */
  privateKey: string;
}

/** A new ECDH P-256 teller keypair, made on this device. */
export async function generateTellerKey(): Promise<TellerKey> {
  const pair = (await globalThis.crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
    'deriveBits',
  ])) as CryptoKeyPair;
  return {
    publicKey: b64(await globalThis.crypto.subtle.exportKey('spki', pair.publicKey)),
    privateKey: b64(await globalThis.crypto.subtle.exportKey('pkcs8', pair.privateKey)),
  };
}

/** 128 random bits, base64url: kept with the vote's request id so a retry seals to the same paper. */
export function newReceiptSecret(): string {
  return b64url(globalThis.crypto.getRandomValues(new Uint8Array(16)));
}

/** The receipt code the count publishes beside this voter's paper. */
export async function receiptOf(secret: string): Promise<string> {
  const key = await globalThis.crypto.subtle.importKey('raw', fromB64url(secret), 'HKDF', false, ['deriveBits']);
  const bits = await globalThis.crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new TextEncoder().encode('thidua-receipt') },
    key,
    96,
  );
  return b64url(bits).slice(0, 16);
}

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
