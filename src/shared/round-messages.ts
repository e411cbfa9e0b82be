/** Update, signal and query definitions of the province round's workflow, shared by the workflow and its senders. */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { RoundCommands, RoundView } from '../domain/round/types';
import type { AwardType } from './rules';

/**
 * What a round step answers since patch `round-projection-delta`: the version its projection wrote (the API reads the
 * view from PostgreSQL), not the whole view, which at a thousand items would be a megabyte in the history per step.
 * Older runs answer the view itself.
 */
export interface RoundStepAnswer {
  roundId: string;
  version: number;
}

const update = <K extends keyof RoundCommands>(name: K) => defineUpdate<RoundView | RoundStepAnswer, [RoundCommands[K]]>(name);

export const roundUpdates = {
  addItems: update('addItems'),
  proposeDirect: update('proposeDirect'),
  proposeDirectBatch: update('proposeDirectBatch'),
  appraiseItems: update('appraiseItems'),
  reviewList: update('reviewList'),
  openSession: update('openSession'),
  voteTallies: update('voteTallies'),
  endSession: update('endSession'),
  decideRound: update('decideRound'),
  submitUpward: update('submitUpward'),
  returnUpward: update('returnUpward'),
  resendUpward: update('resendUpward'),
  centralDecision: update('centralDecision'),
  closeRound: update('closeRound'),
} as const;

export const roundStateQuery = defineQuery<RoundView>('roundState');

/** What the round tells a bloc's cycle about one of its nominees (council, decision, central decision). */
export interface RoundOutcome {
  roundId: string;
  nomineeId: string;
  unitCode: string;
  award: AwardType;
  /** The nominee's status in the round (NomineeStatus). */
  status: string;
  reason?: string;
  council?: { votesFor: number; required: number; passed: boolean; rulesVersion?: string; sessionDate: string };
  decision?: { approve: boolean; number: string; date: string; reason?: string; rulesVersion: string };
  central?: { approve: boolean; number: string; date: string; reason?: string };
}

/**
 * A cycle tells the round it handed its nominees over. It carries only the cycle's id: the round reads the nominees from
 * the cycle's projection (an activity), and only if the cycle names this round, so a signal from anyone else adds nothing.
 */
export const cycleHandedOverSignal = defineSignal<[{ cycleId: string }]>('cycleHandedOver');

export const roundWorkflowId = (provinceCode: string, year: number, n: number): string => `round:${provinceCode}:${year}:${n}`;

export function parseRoundId(id: string): { provinceCode: string; year: number; n: number } | undefined {
  const match = /^round:([A-Za-z0-9_-]{1,32}):(\d{4}):(\d{1,3})$/.exec(id);
  return match ? { provinceCode: match[1], year: Number(match[2]), n: Number(match[3]) } : undefined;
}
