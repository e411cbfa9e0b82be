import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CYCLE_MODES, PHASES } from '../../../shared/cycle-types';
import {
  AppraisalStateView,
  AssessmentRoundView,
  ASSESSMENT_SUMMARY,
  BallotStateView,
  ConferenceMinutesView,
  ConferenceStateView,
  CouncilStateView,
  DossierStateView,
  LaunchStateView,
  LeadershipApprovalView,
  NomineeView,
  PLEDGE_SIGNATURE,
} from './cycle-parts.view';

/** A nested part of a state, described in its own words rather than field by field (it grows with the workflow). */
export const OBJECT = { type: 'object', additionalProperties: true } as const;

const ASSESSMENT_STATUSES = ['DRAFT', 'SUBMITTED', 'UNIT_APPROVED', 'IN_APPROVAL', 'RETURNED', 'ACCEPTED', 'REJECTED', 'CLOSED'];

export class UnitRefView {
  @ApiProperty({ example: 'BK-HLHPN' })
  code: string;

  @ApiProperty({ example: 'Hội Liên hiệp Phụ nữ tỉnh' })
  name: string;
}

/** The state of a cycle as its workflow answers it after a step (and as the read model keeps it). */
export class CycleStateView {
  @ApiProperty({ example: 'cycle.BK.MTTQ.2020' })
  cycleId: string;

  @ApiProperty({ example: 'BK' })
  provinceCode: string;

  @ApiProperty({ example: 'MTTQ' })
  blocCode: string;

  @ApiProperty()
  blocName: string;

  @ApiProperty({ example: 2020 })
  year: number;

  @ApiProperty({ enum: PHASES })
  phase: string;

  @ApiProperty({
    enum: CYCLE_MODES,
    description: 'LIVE: a year run as it happens; RECORD: a past year entered afterwards, each step dated as it happened',
  })
  mode: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', format: 'date' },
    description: 'RECORD: the day each phase opened on paper, by phase',
  })
  phaseOpenedOn?: Record<string, string>;

  @ApiPropertyOptional({ format: 'date', description: 'RECORD: the day on paper of the latest step recorded in the cycle' })
  recordedThrough?: string;

  @ApiProperty({ description: 'Grows by one with every recorded change' })
  version: number;

  @ApiProperty({ type: [UnitRefView] })
  units: UnitRefView[];

  @ApiProperty()
  leaderUnit: string;

  @ApiProperty()
  deputyUnit: string;

  @ApiProperty({ example: '2024' })
  rulesVersion: string;

  @ApiPropertyOptional({ type: LaunchStateView, description: 'Plan, pledge text, criteria and deadlines, once launched' })
  launch?: LaunchStateView;

  @ApiProperty({ type: 'object', additionalProperties: PLEDGE_SIGNATURE, description: 'Signatures by unit code' })
  pledges: Record<string, object>;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    description: 'Late units by phase',
  })
  lateUnits: Record<string, string[]>;

  @ApiProperty({ type: 'object', additionalProperties: ASSESSMENT_SUMMARY, description: 'Self-assessment summary by unit code' })
  assessments: Record<string, object>;

  @ApiPropertyOptional({ type: ConferenceStateView, description: 'Attendance, quorum and ranking' })
  conference?: ConferenceStateView;

  @ApiPropertyOptional({ type: BallotStateView, description: 'The open or closed ballot: candidates, who has voted (never how)' })
  ballot?: BallotStateView;

  @ApiPropertyOptional({ type: ConferenceMinutesView })
  minutes?: ConferenceMinutesView;

  @ApiPropertyOptional()
  nextLeader?: string;

  @ApiPropertyOptional()
  nextDeputy?: string;

  @ApiPropertyOptional({ type: LeadershipApprovalView })
  leadershipApproval?: LeadershipApprovalView;

  @ApiProperty({ type: [NomineeView], description: 'Nominees and their status' })
  nominees: NomineeView[];

  @ApiPropertyOptional({ type: DossierStateView })
  dossier?: DossierStateView;

  @ApiPropertyOptional({ type: AppraisalStateView })
  appraisal?: AppraisalStateView;

  @ApiPropertyOptional({ type: CouncilStateView })
  council?: CouncilStateView;

  @ApiPropertyOptional()
  completedAt?: string;
}

/** A vote's answer: the state, and the receipt code with which the voter finds their paper in the published count. */
export class CastBallotView extends CycleStateView {
  @ApiProperty({ description: 'The voter’s receipt code' })
  receipt: string;
}

/** A unit's self-assessment workflow after a step. */
export class AssessmentStateView {
  @ApiProperty()
  cycleId: string;

  @ApiProperty()
  unitCode: string;

  @ApiProperty({ enum: ASSESSMENT_STATUSES })
  status: string;

  @ApiProperty()
  late: boolean;

  @ApiProperty()
  deadline: string;

  @ApiProperty()
  version: number;

  @ApiProperty({ type: [AssessmentRoundView], description: 'Every submission with its scores, approval and review' })
  rounds: AssessmentRoundView[];
}

export { ASSESSMENT_STATUSES };
