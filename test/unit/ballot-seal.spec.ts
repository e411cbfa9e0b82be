import { generateKeyPairSync } from 'node:crypto';
import {
  BallotKeyError,
  openPaper,
  receiptOf,
  sealPaper,
  tellerPrivateScalar,
  tellerPublicPoint,
} from '../../src/api/cycles/ballot-seal';
import { LEGACY_PAPER_PAD as LEGACY_PAD, paperLength } from '../../src/domain/ballot-paper';
import * as web from '../../web/src/lib/ballot-keys';

const teller = () => {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  };
};
const paper = {
  choices: { CO_THI_DUA_TINH: ['HLHPN'], BANG_KHEN_CHU_TICH: ['HND', 'DTN'] },
  nextLeader: 'LDLD',
  nextDeputy: 'DTN',
};
const secret = 'c2VjcmV0LXNlY3JldC0xMjM0NQ';

describe('The sealed ballot paper', () => {
  const key = teller();

  it('given the same request, should seal to the same bytes; a changed paper, secret or teller key seals differently', () => {
    const sealed = sealPaper(paper, secret, key.publicKey);
    expect(sealPaper({ ...paper }, secret, key.publicKey)).toBe(sealed);
    expect(sealPaper({ ...paper, nextLeader: 'MTTQ' }, secret, key.publicKey)).not.toBe(sealed);
    expect(sealPaper(paper, web.newReceiptSecret(), key.publicKey)).not.toBe(sealed);
    expect(sealPaper(paper, secret, teller().publicKey)).not.toBe(sealed);
  });

  const ballot = {
    candidates: { CO_THI_DUA_TINH: ['HLHPN', 'MTTQ'], BANG_KHEN_CHU_TICH: ['HND', 'DTN', 'HCCB'] },
    leaderCandidates: ['LDLD', 'MTTQ'],
    deputyCandidates: ['DTN', 'HLHPN'],
  };
  const sealedLength = (s: string) => Buffer.from(s, 'base64').length;

  it("given papers of any content in one ballot, should seal them to the same length: the ballot's fullest paper", () => {
    const pad = paperLength(ballot);
    const empty = sealPaper({ choices: {} }, secret, key.publicKey, pad);
    const full = sealPaper(
      { choices: ballot.candidates, nextLeader: 'MTTQ', nextDeputy: 'HLHPN' },
      web.newReceiptSecret(),
      key.publicKey,
      pad,
    );
    expect(sealedLength(empty)).toBe(sealedLength(full));
    // 65-byte ephemeral key, 12-byte IV, the padded paper, 16-byte tag.
    expect(sealedLength(full)).toBe(65 + 12 + pad + 16);
    expect(pad % 256).toBe(0);
    // A small bloc's paper is a fraction of the length papers had before (4 KiB whatever the ballot).
    expect(pad).toBeLessThanOrEqual(512);
    expect(sealedLength(sealPaper(paper, secret, key.publicKey))).toBe(65 + 12 + LEGACY_PAD + 16);
  });

  it('given a ballot of fifty candidates with long unit codes, should size its papers to hold every choice', () => {
    const codes = Array.from({ length: 50 }, (_, i) => `TINH-KHOI-HOI-DOAN-THE-${String(i).padStart(2, '0')}`);
    const big = {
      candidates: { CO_THI_DUA_TINH: codes, BANG_KHEN_CHU_TICH: codes },
      leaderCandidates: codes,
      deputyCandidates: codes,
    };
    const pad = paperLength(big);
    expect(pad).toBeGreaterThan(2 * codes.length * codes[0].length);
    const full = sealPaper({ choices: big.candidates, nextLeader: codes[0], nextDeputy: codes[1] }, secret, key.publicKey, pad);
    expect(sealedLength(full)).toBe(65 + 12 + pad + 16);
    expect(openPaper(full, tellerPrivateScalar(key.privateKey, key.publicKey)).choices.CO_THI_DUA_TINH).toEqual(codes);
  });

  it('given a paper sealed at the length papers had before, should still open it', () => {
    const sealed = sealPaper(paper, secret, key.publicKey, LEGACY_PAD);
    expect(openPaper(sealed, tellerPrivateScalar(key.privateKey, key.publicKey)).nextLeader).toBe('LDLD');
    expect(sealPaper(paper, secret, key.publicKey, paperLength(ballot))).not.toBe(sealed);
  });

  it("given the teller's private key, should open the paper with its receipt; any other key is refused", () => {
    const sealed = sealPaper(paper, secret, key.publicKey);
    const opened = openPaper(sealed, tellerPrivateScalar(key.privateKey, key.publicKey));
    expect(opened).toEqual({
      choices: { BANG_KHEN_CHU_TICH: ['DTN', 'HND'], CO_THI_DUA_TINH: ['HLHPN'] },
      nextLeader: 'LDLD',
      nextDeputy: 'DTN',
      receipt: receiptOf(secret),
    });
    const other = teller();
    expect(() => tellerPrivateScalar(other.privateKey, key.publicKey)).toThrow(BallotKeyError);
    expect(() => openPaper(sealed, tellerPrivateScalar(other.privateKey, other.publicKey))).toThrow(BallotKeyError);
    expect(() => tellerPrivateScalar('bm90IGEga2V5', key.publicKey)).toThrow(BallotKeyError);
  });

  it("given a teller key made by the browser's WebCrypto, should seal to it and open with it; the browser computes the same receipt", async () => {
    const browserKey = await web.generateTellerKey();
    expect(tellerPublicPoint(browserKey.publicKey)).toHaveLength(65);
    const voterSecret = web.newReceiptSecret();
    const sealed = sealPaper(paper, voterSecret, browserKey.publicKey);
    const opened = openPaper(sealed, tellerPrivateScalar(browserKey.privateKey, browserKey.publicKey));
    expect(opened.receipt).toBe(await web.receiptOf(voterSecret));
    expect(opened.receipt).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it('given a short or malformed receipt secret, should refuse to seal', () => {
    expect(() => sealPaper(paper, 'c2hvcnQ', key.publicKey)).toThrow(BallotKeyError);
    expect(() => sealPaper(paper, secret, 'bm90IGEga2V5')).toThrow(BallotKeyError);
  });
});
