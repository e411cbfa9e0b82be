import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CYCLE_MODES, PHASES } from '../../../shared/cycle-types';

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

  @ApiPropertyOptional({ ...OBJECT, description: 'RECORD: the day each phase opened on paper, by phase' })
  phaseOpenedOn?: object;

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

  @ApiPropertyOptional({ ...OBJECT, description: 'Plan, pledge text, criteria and deadlines, once launched' })
  launch?: object;

  @ApiProperty({ ...OBJECT, description: 'Signatures by unit code' })
  pledges: object;

  @ApiProperty({ ...OBJECT, description: 'Late units by phase' })
  lateUnits: object;

  @ApiProperty({ ...OBJECT, description: 'Self-assessment summary by unit code' })
  assessments: object;

  @ApiPropertyOptional({ ...OBJECT, description: 'Attendance, quorum and ranking' })
  conference?: object;

  @ApiPropertyOptional({ ...OBJECT, description: 'The open or closed ballot: candidates, who has voted (never how)' })
  ballot?: object;

  @ApiPropertyOptional(OBJECT)
  minutes?: object;

  @ApiPropertyOptional()
  nextLeader?: string;

  @ApiPropertyOptional()
  nextDeputy?: string;

  @ApiPropertyOptional(OBJECT)
  leadershipApproval?: object;

  @ApiProperty({ type: 'array', items: OBJECT, description: 'Nominees and their status' })
  nominees: object[];

  @ApiPropertyOptional(OBJECT)
  dossier?: object;

  @ApiPropertyOptional(OBJECT)
  appraisal?: object;

  @ApiPropertyOptional(OBJECT)
  council?: object;

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

  @ApiProperty({ type: 'array', items: OBJECT, description: 'Every submission with its scores, approval and review' })
  rounds: object[];
}

export { ASSESSMENT_STATUSES };
