import type { RoundOutcome } from '../../shared/round-messages';
import type { RoundItem, RoundView } from './types';

/** What a cycle is told about one of its nominees now in the round (read from the projection by its activity). */
export function outcomeOf(view: RoundView, item: RoundItem): RoundOutcome {
  const session = item.council ? view.sessions.find((s) => s.id === item.council?.sessionId) : undefined;
  return {
    roundId: view.roundId,
    nomineeId: item.nomineeId as string,
    unitCode: item.unitCode,
    award: item.award,
    status: item.status,
    ...(item.reason ? { reason: item.reason } : {}),
    ...(item.council && session
      ? {
          council: {
            votesFor: item.council.votesFor,
            required: item.council.required,
            passed: item.council.passed,
            rulesVersion: item.council.rulesVersion,
            sessionDate: session.sessionDate,
          },
        }
      : {}),
    ...(item.decision
      ? {
          decision: {
            approve: item.decision.approve,
            number: item.decision.number,
            date: item.decision.date,
            rulesVersion: item.decision.rulesVersion,
            ...(item.decision.reason ? { reason: item.decision.reason } : {}),
          },
        }
      : {}),
    ...(item.central
      ? {
          central: {
            approve: item.central.approve,
            number: item.central.number,
            date: item.central.date,
            ...(item.central.reason ? { reason: item.central.reason } : {}),
          },
        }
      : {}),
  };
}
