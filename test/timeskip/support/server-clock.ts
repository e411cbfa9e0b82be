import type * as CommandSeal from '../../../src/shared/command-seal';

let serverAheadMs = 0;

/** How far server time is ahead of this process's clock, read after every skip (skipTo). */
export function setServerAhead(ms: number): void {
  serverAheadMs = ms;
}

/**
 * The API seals every command with its clock (`sealFor(…, Date.now())`), and the workflow refuses a seal that has
 * expired by the workflow's clock (SEAL_LIFETIME_MS, 5 minutes): in production both are the wall clock. Here server
 * time runs days ahead once skipped, so the seals are dated by server time: the spec replaces the module with this,
 * which shifts `sealFor`'s clock by the offset and keeps everything else (the MAC and every check included). The rest
 * of the process keeps the wall clock: faking `Date` breaks the workflow bundler and the worker's sandbox, and shifting
 * `Date.now` alone breaks gRPC's deadlines. Kept free of other imports, since it loads while the API's modules do.
 */
export function commandSealOnServerTime(): typeof CommandSeal {
  const actual = jest.requireActual<typeof CommandSeal>('../../../src/shared/command-seal');
  return {
    ...actual,
    sealFor: (workflowId, name, nowMs, updateId) => actual.sealFor(workflowId, name, nowMs + serverAheadMs, updateId),
  };
}
