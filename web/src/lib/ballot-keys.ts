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
  const pair = await globalThis.crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  if (!('privateKey' in pair)) throw new Error('ECDH did not make a key pair');
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
