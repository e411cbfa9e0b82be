import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';

/**
 * Seals commands between the API and the worker (see src/shared/command-seal.ts). Installed in the API's client and in
 * the worker's data converter, so it runs outside the workflow sandbox with a key Temporal never sees. Only a
 * `json/plain` payload whose value is an object with a top-level `seal` object is touched; everything else, including
 * every payload of the histories recorded before seals, passes through byte for byte.
 */
const MAC_KEY = 'thidua-seal-mac';
const KID_KEY = 'thidua-seal-kid';
const JSON_PLAIN = 'json/plain';
const SEAL_BYTES = Buffer.from('"seal"');

export interface CommandSigningKeys {
  current: string;
  /** Verify-only keys of a rotation: keep one while workflows started under it still run. */
  previous?: string[];
}

/** The key id carried beside the MAC: the first 8 hex digits of the key's SHA-256. */
export function keyId(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 8);
}

function mac(key: string, data: Uint8Array): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

function sealedObject(payload: Payload): Record<string, unknown> | undefined {
  const encoding = payload.metadata?.encoding;
  if (!encoding || Buffer.from(encoding).toString('utf8') !== JSON_PLAIN || !payload.data) return undefined;
  if (Buffer.from(payload.data).indexOf(SEAL_BYTES) < 0) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(payload.data).toString('utf8'));
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const seal = (value as { seal?: unknown }).seal;
  if (!seal || typeof seal !== 'object' || Array.isArray(seal)) return undefined;
  return value as Record<string, unknown>;
}

export class CommandSealCodec implements PayloadCodec {
  private readonly signing: { kid: string; key: string };
  private readonly verifying: Map<string, string>;

  constructor(keys: CommandSigningKeys) {
    this.signing = { kid: keyId(keys.current), key: keys.current };
    this.verifying = new Map([keys.current, ...(keys.previous ?? [])].map((k) => [keyId(k), k]));
  }

  encode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.resolve(payloads.map((payload) => this.sealed(payload)));
  }

  decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.resolve(payloads.map((payload) => this.verified(payload)));
  }

  private sealed(payload: Payload): Payload {
    if (!payload.data || !sealedObject(payload)) return payload;
    return {
      ...payload,
      metadata: {
        ...payload.metadata,
        [KID_KEY]: Buffer.from(this.signing.kid, 'utf8'),
        [MAC_KEY]: mac(this.signing.key, payload.data),
      },
    };
  }

  /** Whatever `verified` the sender wrote is replaced by the MAC's verdict; the MAC metadata is dropped. */
  private verified(payload: Payload): Payload {
    const value = sealedObject(payload);
    if (!value || !payload.data) return payload;
    const { [MAC_KEY]: sent, [KID_KEY]: kid, ...metadata } = payload.metadata ?? {};
    const key = kid ? this.verifying.get(Buffer.from(kid).toString('utf8')) : undefined;
    const expected = key ? mac(key, payload.data) : undefined;
    const verified = Boolean(sent && expected && sent.length === expected.length && timingSafeEqual(sent, expected));
    const seal = { ...(value.seal as object), verified };
    return { ...payload, metadata, data: Buffer.from(JSON.stringify({ ...value, seal }), 'utf8') };
  }
}
