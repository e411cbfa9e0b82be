import type {
  ApproveAppraisalCommand,
  ApproveLeadershipCommand,
  AppraiseCommand,
  CastBallotCommand,
  CloseBallotCommand,
  ClosePledgesCommand,
  CloseSelfAssessmentCommand,
  CouncilVoteCommand,
  DecideCommand,
  DecideTieCommand,
  HandToRoundCommand,
  LaunchCommand,
  OpenBallotCommand,
  OpenConferenceCommand,
  RestartBallotCommand,
  ReviewDossierCommand,
  SignPledgeCommand,
  SubmitDossierCommand,
  UpdateRuleSetsCommand,
} from '../../shared/cycle-types';

/** The cycle's human steps by their update's name (src/shared/messages.ts). */
export interface CycleCommands {
  launch: LaunchCommand;
  signPledge: SignPledgeCommand;
  closePledges: ClosePledgesCommand;
  closeSelfAssessment: CloseSelfAssessmentCommand;
  openConference: OpenConferenceCommand;
  openBallot: OpenBallotCommand;
  castBallot: CastBallotCommand;
  restartBallot: RestartBallotCommand;
  closeBallot: CloseBallotCommand;
  decideTie: DecideTieCommand;
  approveLeadership: ApproveLeadershipCommand;
  submitDossier: SubmitDossierCommand;
  reviewDossier: ReviewDossierCommand;
  appraise: AppraiseCommand;
  approveAppraisal: ApproveAppraisalCommand;
  councilVote: CouncilVoteCommand;
  decide: DecideCommand;
  updateRuleSets: UpdateRuleSetsCommand;
  handToRound: HandToRoundCommand;
}
