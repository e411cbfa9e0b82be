import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CYCLE_MODES, PHASES } from '../../shared/cycle-types';
import { CrossSheetView, RoundPhasesView } from '../cycles/dto/cycle-parts.view';
import { ASSESSMENT_STATUSES, CycleStateView, OBJECT } from '../cycles/dto/cycle-state.view';

const CYCLE_STATUSES = ['ACTIVE', 'COMPLETED'];

export class CycleSummaryView {
  @ApiProperty()
  cycleId: string;

  @ApiProperty()
  provinceCode: string;

  @ApiProperty({ example: 'Tỉnh Bắc Kạn', description: 'The province’s name; its code where the province is unknown' })
  provinceName: string;

  @ApiProperty()
  blocCode: string;

  @ApiProperty()
  blocName: string;

  @ApiProperty()
  year: number;

  @ApiProperty({ enum: PHASES })
  phase: string;

  @ApiProperty({ enum: CYCLE_STATUSES })
  status: string;

  @ApiProperty({ enum: CYCLE_MODES, description: 'LIVE: a year run as it happens; RECORD: a past year entered afterwards' })
  mode: string;

  @ApiProperty({ type: String, nullable: true })
  leaderUnit: string | null;

  @ApiProperty({ type: String, nullable: true })
  deputyUnit: string | null;

  @ApiProperty({ type: String, nullable: true })
  rulesVersion: string | null;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class UnitProgressView {
  @ApiProperty()
  unitCode: string;

  @ApiProperty()
  unitName: string;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  pledgeSignedAt: string | null;

  @ApiProperty()
  pledgeLate: boolean;

  @ApiProperty({ type: String, enum: [...ASSESSMENT_STATUSES, null], nullable: true })
  assessmentStatus: string | null;

  @ApiProperty()
  assessmentLate: boolean;

  @ApiProperty()
  assessmentRounds: number;

  @ApiProperty({ type: Number, nullable: true })
  verifiedTotal: number | null;
}

/** The read model's copy of the cycle state, with its status and each unit's progress. */
export class CycleView extends CycleStateView {
  @ApiProperty({ enum: CYCLE_STATUSES })
  status: string;

  @ApiProperty({ example: 'Tỉnh Bắc Kạn', description: 'The province’s name; its code where the province is unknown' })
  provinceName: string;

  @ApiProperty({ type: [String], description: 'The legal basis of the cycle’s rule set (rulesVersion)' })
  rulesLegalBasis: string[];

  @ApiProperty({ type: [UnitProgressView] })
  unitProgress: UnitProgressView[];

  @ApiProperty({
    type: 'integer',
    description:
      'Grows with every change this view shows (the cycle’s version and its units’ sheets): pass it as `after` with `waitSeconds` to wait for the next change',
  })
  changeMark: number;
}

export class CycleAsOfView {
  @ApiProperty()
  cycleId: string;

  @ApiProperty({ description: 'The instant asked for, as given' })
  asOf: string;

  @ApiProperty()
  version: number;

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;

  @ApiProperty({ type: CycleStateView })
  state: CycleStateView;
}

export class LateUnitView {
  @ApiProperty()
  unitCode: string;

  @ApiProperty()
  unitName: string;

  @ApiProperty({ enum: ['PLEDGE', 'SELF_ASSESSMENT'] })
  phase: string;
}

export class TimelineActorView {
  @ApiProperty()
  userId: string;

  @ApiProperty({ type: String, nullable: true })
  role: string | null;

  @ApiProperty({ type: String, nullable: true })
  unitCode: string | null;
}

export class TimelineEventView {
  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ type: String, enum: [...PHASES, null], nullable: true })
  phase: string | null;

  @ApiProperty()
  type: string;

  @ApiProperty({ description: 'The event in Vietnamese' })
  label: string;

  @ApiProperty({ type: TimelineActorView, nullable: true })
  actor: TimelineActorView | null;

  @ApiProperty({ type: String, nullable: true })
  summary: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date',
    description: 'RECORD cycles: the day the step happened on paper; `at` is when it was entered',
  })
  occurredOn: string | null;

  @ApiProperty({ ...OBJECT, nullable: true })
  data: object | null;
}

export class TimelineView {
  @ApiProperty()
  cycleId: string;

  @ApiProperty()
  blocName: string;

  @ApiProperty()
  year: number;

  @ApiPropertyOptional({ description: 'The workflow in the Temporal UI, where configured' })
  temporalUi?: string;

  @ApiProperty({ type: [TimelineEventView] })
  events: TimelineEventView[];
}

export class AssessmentRoundScoresView {
  @ApiProperty()
  round: number;

  @ApiProperty({ type: Number, nullable: true })
  selfTotal: number | null;

  @ApiProperty({ type: Number, nullable: true })
  verifiedTotal: number | null;

  @ApiProperty({ type: Number, nullable: true })
  councilTotal: number | null;

  @ApiProperty({ type: RoundPhasesView, description: 'One sheet per phase (SELF, LEADER_REVIEW, COUNCIL_ADJUST)' })
  phases: RoundPhasesView;

  @ApiProperty({ type: [CrossSheetView], description: 'One sheet per unit that cross-scored this round' })
  cross: CrossSheetView[];
}

export class AssessmentScoresView {
  @ApiProperty()
  cycleId: string;

  @ApiProperty()
  unitCode: string;

  @ApiProperty({
    type: String,
    enum: [...ASSESSMENT_STATUSES, null],
    nullable: true,
    description: 'The assessment status in the read model',
  })
  status: string | null;

  @ApiProperty()
  late: boolean;

  @ApiProperty({ type: Number, nullable: true })
  selfTotal: number | null;

  @ApiProperty({ type: Number, nullable: true })
  verifiedTotal: number | null;

  @ApiProperty({ type: [AssessmentRoundScoresView] })
  rounds: AssessmentRoundScoresView[];
}

export class UnitAwardView {
  @ApiProperty()
  year: number;

  @ApiProperty()
  award: string;

  @ApiProperty()
  awardName: string;

  @ApiProperty({ description: 'The code the award was given to: an earlier code of this unit after a rename or merger' })
  awardedTo: string;

  @ApiProperty({ type: String, nullable: true })
  decisionNumber: string | null;

  @ApiProperty({ type: String, nullable: true })
  decisionDate: string | null;

  @ApiProperty({ type: String, nullable: true })
  cycleId: string | null;

  @ApiProperty({ type: String, nullable: true })
  rulesVersion: string | null;
}

export class UnitAwardsView {
  @ApiProperty()
  unitCode: string;

  @ApiProperty()
  unitName: string;

  @ApiProperty({ type: [UnitAwardView] })
  awards: UnitAwardView[];
}

export class BlocLeadershipView {
  @ApiProperty()
  year: number;

  @ApiProperty()
  leaderUnit: string;

  @ApiProperty()
  deputyUnit: string;

  @ApiProperty()
  source: string;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  handedOverAt: string | null;
}

export class BlocView {
  @ApiProperty()
  blocCode: string;

  @ApiProperty()
  provinceCode: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: [BlocLeadershipView] })
  leaderships: BlocLeadershipView[];
}
