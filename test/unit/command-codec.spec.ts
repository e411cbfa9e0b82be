import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { CommandSealCodec, keyId } from '../../src/config/command-codec';
import { sealFor, sealProblem, unsealed } from '../../src/shared/command-seal';

const KEY = 'a'.repeat(40);
const OTHER = 'b'.repeat(40);
const NOW = Date.parse('2026-12-06T09:00:00Z');

const command = (extra: Record<string, unknown> = {}) => ({
  actor: { userId: 'head.bk-hlhpn', role: 'UNIT_HEAD' },
  note: 'Tờ trình đề nghị khen thưởng',
  seal: sealFor('cycle.BK.MTTQ.2020', 'submitDossier', NOW, 'submitDossier:r1'),
  ...extra,
});

const toPayload = (value: unknown): Payload => defaultPayloadConverter.toPayload(value);
const fromPayload = <T>(payload: Payload): T => defaultPayloadConverter.fromPayload<T>(payload);

async function roundTrip(value: unknown, sender: CommandSealCodec, receiver: CommandSealCodec, tamper?: (p: Payload) => Payload) {
  const [encoded] = await sender.encode([toPayload(value)]);
  const [decoded] = await receiver.decode([tamper ? tamper(encoded) : encoded]);
  return decoded;
}

describe('CommandSealCodec', () => {
  const codec = new CommandSealCodec({ current: KEY });

  it('given a sealed command, when encoded and decoded with the same key, should mark the seal verified and drop the MAC', async () => {
    const decoded = await roundTrip(command(), codec, codec);
    const value = fromPayload<ReturnType<typeof command>>(decoded);
    expect(value.seal.verified).toBe(true);
    expect(value.actor.userId).toBe('head.bk-hlhpn');
    expect(Object.keys(decoded.metadata ?? {})).toEqual(['encoding']);
  });

  it('given an encoded sealed command, should carry the key id (first 8 hex of the SHA-256 of the key)', async () => {
    const [encoded] = await codec.encode([toPayload(command())]);
    expect(Buffer.from(encoded?.metadata?.['thidua-seal-kid'] ?? []).toString()).toBe(keyId(KEY));
    expect(keyId(KEY)).toMatch(/^[0-9a-f]{8}$/);
  });

  it('given a sealed payload whose data was altered after sealing, should mark it unverified', async () => {
    const decoded = await roundTrip(command(), codec, codec, (p) => {
      const value = fromPayload<ReturnType<typeof command>>(p);
      value.actor.userId = 'chutich.bk';
      return { ...p, data: toPayload(value).data };
    });
    expect(fromPayload<ReturnType<typeof command>>(decoded).seal.verified).toBe(false);
  });

  it('given a command sealed with another key, should mark it unverified', async () => {
    const decoded = await roundTrip(command(), new CommandSealCodec({ current: OTHER }), codec);
    expect(fromPayload<ReturnType<typeof command>>(decoded).seal.verified).toBe(false);
  });

  it('given a command sealed with a previous key still listed for verification, should mark it verified', async () => {
    const rotated = new CommandSealCodec({ current: OTHER, previous: [KEY] });
    const decoded = await roundTrip(command(), codec, rotated);
    expect(fromPayload<ReturnType<typeof command>>(decoded).seal.verified).toBe(true);
  });

  it('given an unsealed payload whose sender set verified: true, should overwrite it with false', async () => {
    const forged = command();
    const decoded = await codec.decode([toPayload({ ...forged, seal: { ...forged.seal, verified: true } })]);
    expect(fromPayload<ReturnType<typeof command>>(decoded[0]).seal.verified).toBe(false);
  });

  it('given a sealed payload whose sender set verified: true, should keep the verdict of the MAC only', async () => {
    const forged = command();
    const decoded = await roundTrip(
      { ...forged, seal: { ...forged.seal, verified: true } },
      codec,
      new CommandSealCodec({ current: OTHER }),
    );
    expect(fromPayload<ReturnType<typeof command>>(decoded).seal.verified).toBe(false);
  });

  it('given payloads without a top-level seal object, should pass them through byte for byte', async () => {
    const values: unknown[] = [
      'chuỗi',
      42,
      null,
      [command()],
      { actor: { userId: 'x' } },
      { nested: { seal: { verified: true } } },
      { seal: 'not an object' },
      { seal: ['array'] },
    ];
    const payloads = values.map(toPayload);
    payloads.push(defaultPayloadConverter.toPayload(new Uint8Array([1, 2, 3])));
    const encoded = await codec.encode(payloads);
    expect(encoded).toEqual(payloads);
    expect(await codec.decode(payloads)).toEqual(payloads);
  });
});

describe('sealProblem', () => {
  const expected = { workflowId: 'cycle.BK.MTTQ.2020', name: 'submitDossier', updateId: 'submitDossier:r1', nowMs: NOW };
  const verified = { ...sealFor('cycle.BK.MTTQ.2020', 'submitDossier', NOW, 'submitDossier:r1'), verified: true };

  it('given a verified seal for this workflow, update and id, should find no problem', () => {
    expect(sealProblem(verified, expected)).toBeUndefined();
  });

  it.each([
    ['no seal', undefined, 'carries no seal'],
    ['an unverified seal', { ...verified, verified: false }, 'does not verify'],
    ['another workflow', { ...verified, workflowId: 'cycle.BK.MTTQ.2021' }, 'is for workflow'],
    ['another update', { ...verified, name: 'decide' }, 'is for decide'],
    ['another update id', { ...verified, updateId: 'submitDossier:r2' }, 'update id'],
    ['an expired seal', { ...verified, expiresAt: new Date(NOW - 1).toISOString() }, 'expired'],
  ])('given %s, should name the problem', (_what, seal, problem) => {
    expect(sealProblem(seal, expected)).toContain(problem);
  });

  it('given a start (no time given), should not refuse an old seal: the first task may run long after the start', () => {
    const start = { ...sealFor('cycle.BK.MTTQ.2020', 'start:cycleWorkflow', NOW - 86_400_000), verified: true };
    expect(sealProblem(start, { workflowId: 'cycle.BK.MTTQ.2020', name: 'start:cycleWorkflow' })).toBeUndefined();
    expect(sealProblem(start, { workflowId: 'cycle.BK.MTTQ.2020', name: 'start:cycleWorkflow', nowMs: NOW })).toContain(
      'expired',
    );
  });

  it('given a command, should hand it on without its seal', () => {
    expect(unsealed(command())).toEqual({ actor: command().actor, note: command().note });
    expect(unsealed('x')).toBe('x');
  });
});
