/**
 * Update, signal and query definitions of the cycle and assessment workflows. Shared by the workflows
 * (which set the handlers) and the API (which sends them); definitions carry no runtime behaviour.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  ApproveLeadershipCommand,
  ApproveAppraisalCommand,
  ApproveAssessmentCommand,
  AppraiseCommand,
  AssessmentAnswer,
  AssessmentState,
  CastBallotCommand,
  CastBallotResult,
  CloseBallotCommand,
  ClosePledgesCommand,
  CloseSelfAssessmentCommand,
  CouncilVoteCommand,
  CrossScoreCommand,
  CycleState,
  CycleStepResult,
  DecideCommand,
  DecideTieCommand,
  HandToRoundCommand,
  LaunchCommand,
  OpenBallotCommand,
  OpenConferenceCommand,
  RestartBallotCommand,
  ReviewAssessmentCommand,
  ReviewDossierCommand,
  SealedPapers,
  SignPledgeCommand,
  SubmitAssessmentCommand,
  SubmitDossierCommand,
  UpdateRuleSetsCommand,
} from './cycle-types';

export const launchUpdate = defineUpdate<CycleStepResult, [LaunchCommand]>('launch');
export const signPledgeUpdate = defineUpdate<CycleStepResult, [SignPledgeCommand]>('signPledge');
export const closePledgesUpdate = defineUpdate<CycleStepResult, [ClosePledgesCommand]>('closePledges');
export const closeSelfAssessmentUpdate = defineUpdate<CycleStepResult, [CloseSelfAssessmentCommand]>('closeSelfAssessment');
export const openConferenceUpdate = defineUpdate<CycleStepResult, [OpenConferenceCommand]>('openConference');
export const openBallotUpdate = defineUpdate<CycleStepResult, [OpenBallotCommand]>('openBallot');
export const castBallotUpdate = defineUpdate<CastBallotResult, [CastBallotCommand]>('castBallot');
export const restartBallotUpdate = defineUpdate<CycleStepResult, [RestartBallotCommand]>('restartBallot');
export const closeBallotUpdate = defineUpdate<CycleStepResult, [CloseBallotCommand]>('closeBallot');
export const decideTieUpdate = defineUpdate<CycleStepResult, [DecideTieCommand]>('decideTie');
export const approveLeadershipUpdate = defineUpdate<CycleStepResult, [ApproveLeadershipCommand]>('approveLeadership');
export const submitDossierUpdate = defineUpdate<CycleStepResult, [SubmitDossierCommand]>('submitDossier');
export const reviewDossierUpdate = defineUpdate<CycleStepResult, [ReviewDossierCommand]>('reviewDossier');
export const appraiseUpdate = defineUpdate<CycleStepResult, [AppraiseCommand]>('appraise');
export const approveAppraisalUpdate = defineUpdate<CycleStepResult, [ApproveAppraisalCommand]>('approveAppraisal');
export const councilVoteUpdate = defineUpdate<CycleStepResult, [CouncilVoteCommand]>('councilVote');
export const decideUpdate = defineUpdate<CycleStepResult, [DecideCommand]>('decide');
export const handToRoundUpdate = defineUpdate<CycleStepResult, [HandToRoundCommand]>('handToRound');
/**
 * The province round tells a handed-over cycle that its nominees moved. It carries only the round's id: the cycle reads
 * the outcomes from the round's projection (an activity), so a signal from anyone else changes nothing.
 */
export const roundMovedSignal = defineSignal<[{ roundId: string }]>('roundOutcome');
export const updateRuleSetsUpdate = defineUpdate<CycleStepResult, [UpdateRuleSetsCommand]>('updateRuleSets');
export const cycleStateQuery = defineQuery<CycleState>('cycleState');
/** The open round's sealed papers, sorted, without voters; read by the close. */
export const sealedPapersQuery = defineQuery<SealedPapers>('sealedPapers');

export const submitAssessmentUpdate = defineUpdate<AssessmentAnswer, [SubmitAssessmentCommand]>('submitAssessment');
export const approveAssessmentUpdate = defineUpdate<AssessmentAnswer, [ApproveAssessmentCommand]>('approveAssessment');
export const reviewAssessmentUpdate = defineUpdate<AssessmentAnswer, [ReviewAssessmentCommand]>('reviewAssessment');
export const crossScoreUpdate = defineUpdate<AssessmentAnswer, [CrossScoreCommand]>('crossScore');
export const closeAssessmentSignal = defineSignal('closeAssessment');
export const assessmentStateQuery = defineQuery<AssessmentState>('assessmentState');
