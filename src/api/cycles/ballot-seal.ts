import {
  createCipheriv,
  createDecipheriv,
  createECDH,
  createHmac,
  createPrivateKey,
  createPublicKey,
  hkdfSync,
  timingSafeEqual,
} from 'node:crypto';
import type { AwardType } from '../../shared/rules';
import { canonicalPaperJson, LEGACY_PAPER_PAD, PAPER_PAD_STEP } from '../../domain/ballot-paper';

/**
 * The sealed ballot paper. The API seals a voter's paper to the teller's public key (ECDH P-256, HKDF-SHA256,
 * AES-256-GCM) with an ephemeral key derived from the voter's receipt secret, so the same request always
 * seals to the same bytes (a retry is recognised, a changed retry is refused) while nobody without the
 * secret or the teller's private key can open or re-create it. The plaintext is padded to the length of the round's fullest possible paper.
 */
export interface PlainPaper {
  choices: Partial<Record<AwardType, string[]>>;
  nextLeader?: string;
  nextDeputy?: string;
  receipt: string;
}

const EPH_LEN = 65;
const IV_LEN = 12;
const TAG_LEN = 16;
/** The order of the P-256 group: an ephemeral scalar must lie in [1, N-1]. */
const N = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');

export class BallotKeyError extends Error {}

const hkdf = (ikm: Buffer, salt: Buffer, info: string, length: number): Buffer =>
  Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from(info, 'utf8'), length));

/** The receipt secret as bytes: base64url, at least 128 bits. */
export function receiptSecretBytes(secret: string): Buffer | undefined {
  if (!/^[A-Za-z0-9_-]{22,128}$/.test(secret)) return undefined;
  const bytes = Buffer.from(secret, 'base64url');
  return bytes.length >= 16 ? bytes : undefined;
}

/** The voter's receipt code: 16 base64url characters that the voter's client computes the same way. */
export function receiptOf(secret: string): string {
  const bytes = receiptSecretBytes(secret);
  if (!bytes) throw new BallotKeyError('malformed receipt secret');
  return hkdf(bytes, Buffer.alloc(0), 'thidua-receipt', 12).toString('base64url').slice(0, 16);
}

/** The teller's public key (SPKI, base64) as an uncompressed P-256 point, or undefined when it is not one. */
export function tellerPublicPoint(spkiBase64: string): Buffer | undefined {
  try {
    const key = createPublicKey({ key: Buffer.from(spkiBase64, 'base64'), format: 'der', type: 'spki' });
    const jwk = key.export({ format: 'jwk' });
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y) return undefined;
    return Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]);
  } catch {
    return undefined;
  }
}

/** The canonical paper padded with spaces (valid JSON whitespace) to `pad` bytes, or whole multiples of it. */
const canonical = (paper: PlainPaper, pad: number): Buffer => {
  const bytes = Buffer.from(canonicalPaperJson(paper), 'utf8');
  const length = Math.max(pad, Math.ceil(bytes.length / pad) * pad);
  return Buffer.concat([bytes, Buffer.alloc(length - bytes.length, 0x20)]);
};

const ephemeralScalar = (secret: Buffer, tellerSpki: string): Buffer => {
  const ikm = Buffer.concat([secret, Buffer.from(tellerSpki, 'utf8')]);
  for (let counter = 0; ; counter += 1) {
    const candidate = hkdf(ikm, Buffer.alloc(0), `thidua-seal:${counter}`, 32);
    const d = BigInt(`0x${candidate.toString('hex')}`);
    if (d > 0n && d < N) return candidate;
  }
};

const aesKey = (shared: Buffer, ephPublic: Buffer): Buffer => hkdf(shared, ephPublic, 'thidua-seal-aes', 32);

/**
 * Seals a paper (with its receipt already set from the secret) to the teller's public key; deterministic. `pad` is
 * the round's paper length (paperLength); without it, the length papers had before.
 */
export function sealPaper(
  paper: Omit<PlainPaper, 'receipt'>,
  receiptSecret: string,
  tellerSpki: string,
  pad: number = LEGACY_PAPER_PAD,
): string {
  const secret = receiptSecretBytes(receiptSecret);
  if (!secret) throw new BallotKeyError('malformed receipt secret');
  const point = tellerPublicPoint(tellerSpki);
  if (!point) throw new BallotKeyError('malformed teller key');
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(ephemeralScalar(secret, tellerSpki));
  const ephPublic = ecdh.getPublicKey();
  const key = aesKey(ecdh.computeSecret(point), ephPublic);
  const plaintext = canonical({ ...paper, receipt: receiptOf(receiptSecret) }, pad);
  // Synthetic IV: a different paper under the same secret never reuses a (key, IV) pair.
  const iv = createHmac('sha256', key).update(plaintext).digest().subarray(0, IV_LEN);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([ephPublic, iv, body, cipher.getAuthTag()]).toString('base64');
}

/** The teller's private key (PKCS8, base64) as a P-256 scalar; a BallotKeyError when it is not one. */
export function tellerPrivateScalar(pkcs8Base64: string, tellerSpki: string): Buffer {
  let jwk;
  try {
    jwk = createPrivateKey({ key: Buffer.from(pkcs8Base64, 'base64'), format: 'der', type: 'pkcs8' }).export({ format: 'jwk' });
  } catch {
    throw new BallotKeyError('the teller key is not a PKCS8 private key');
  }
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d) throw new BallotKeyError('the teller key is not a P-256 key');
  const scalar = Buffer.from(jwk.d, 'base64url');
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(scalar);
  const point = tellerPublicPoint(tellerSpki);
  if (!point || !timingSafeEqual(ecdh.getPublicKey(), point))
    throw new BallotKeyError('the teller key does not match the ballot');
  return scalar;
}

/** Opens a sealed paper with the teller's private scalar; a BallotKeyError when it does not open. */
export function openPaper(sealed: string, tellerScalar: Buffer): PlainPaper {
  const bytes = Buffer.from(sealed, 'base64');
  if (bytes.length < EPH_LEN + IV_LEN + PAPER_PAD_STEP + TAG_LEN) throw new BallotKeyError('sealed paper too short');
  const ephPublic = bytes.subarray(0, EPH_LEN);
  const iv = bytes.subarray(EPH_LEN, EPH_LEN + IV_LEN);
  const body = bytes.subarray(EPH_LEN + IV_LEN, bytes.length - TAG_LEN);
  const tag = bytes.subarray(bytes.length - TAG_LEN);
  try {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(tellerScalar);
    const key = aesKey(ecdh.computeSecret(ephPublic), ephPublic);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    const parsed = JSON.parse(plain) as {
      choices: PlainPaper['choices'];
      nextLeader: string | null;
      nextDeputy: string | null;
      receipt: string;
    };
    return {
      choices: parsed.choices ?? {},
      nextLeader: parsed.nextLeader ?? undefined,
      nextDeputy: parsed.nextDeputy ?? undefined,
      receipt: String(parsed.receipt),
    };
  } catch {
    throw new BallotKeyError('a sealed paper does not open with this key');
  }
}
