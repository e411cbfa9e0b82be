import { MAX_PREFERRED_WAIT_SECONDS, preferredWait } from '../../src/api/common/prefer-wait';

describe('Prefer: wait (RFC 7240), how long a decision may wait for its workflow', () => {
  it.each([
    ['wait=25', 25],
    ['wait=3', 3],
    ['WAIT = 7', 7],
    ['wait="12"', 12],
    ['respond-async, wait=20', 20],
    ['wait=5; foo=bar', 5],
    [['handling=lenient', 'wait=9'], 9],
    ['wait=2, wait=8', 8],
  ] as const)('given %j, should read %d seconds', (header, seconds) => {
    expect(preferredWait(header as string | string[])).toBe(seconds);
  });

  it('given a wait over the longest, should cap it; given 0, should wait the shortest (1 s)', () => {
    expect(preferredWait('wait=600')).toBe(MAX_PREFERRED_WAIT_SECONDS);
    expect(preferredWait('wait=0')).toBe(1);
  });

  it.each([undefined, '', 'respond-async', 'wait=', 'wait=-3', 'wait=2.5', 'wait=abc', 'nowait=3', 'wait=1234567'])(
    'given %j, should have no preference (ignored, as the RFC asks)',
    (header) => {
      expect(preferredWait(header)).toBeUndefined();
    },
  );
});
