import { generateKeyPairSync } from 'node:crypto';
import {
  BallotKeyError,
  openPaper,
  receiptOf,
  sealPaper,
  tellerPrivateScalar,
  tellerPublicPoint,
} from '../../src/api/cycles/ballot-seal';
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

  it('given papers of any content, should seal them to the same length', () => {
    const empty = sealPaper({ choices: {} }, secret, key.publicKey);
    const full = sealPaper(paper, web.newReceiptSecret(), key.publicKey);
    expect(Buffer.from(empty, 'base64')).toHaveLength(Buffer.from(full, 'base64').length);
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
