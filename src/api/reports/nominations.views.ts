import { ApiProperty } from '@nestjs/swagger';
import {
  NOMINATION_OUTCOMES,
  NOMINATION_SOURCES,
  NOMINATION_STAGES,
  NOMINEE_STATUSES,
  REPORT_GROUPINGS,
} from '../../domain/nomination-report';
import { AWARD_TYPES } from '../../shared/rules';

export class NominationReasonView {
  @ApiProperty({ enum: ['APPRAISAL', 'COUNCIL', 'DECISION', 'OTHER'], description: 'The stage that gave it' })
  stage: string;

  @ApiProperty({ description: 'The reason, in Vietnamese' })
  text: string;
}

/** One nomination (đề nghị khen thưởng) as the board reads it: codes with their names, and the reasons against it. */
export class NominationView {
  @ApiProperty({ description: '<cycle id>:<nominee id> for a bloc proposal; the round item id for a direct one' })
  id: string;

  @ApiProperty({ type: String, nullable: true, description: 'null for a DIRECT proposal (outside any bloc)' })
  cycleId: string | null;

  @ApiProperty()
  nomineeId: string;

  @ApiProperty({ enum: NOMINATION_SOURCES })
  source: string;

  @ApiProperty({ example: 'Khối, cụm thi đua đề nghị' })
  sourceName: string;

  @ApiProperty({ type: String, nullable: true, description: 'The proposing agency of a DIRECT proposal' })
  proposer: string | null;

  @ApiProperty({ type: String, nullable: true })
  roundId: string | null;

  @ApiProperty()
  provinceCode: string;

  @ApiProperty()
  year: number;

  @ApiProperty({ type: String, nullable: true })
  blocCode: string | null;

  @ApiProperty({ type: String, nullable: true })
  blocName: string | null;

  @ApiProperty()
  unitCode: string;

  @ApiProperty()
  unitName: string;

  @ApiProperty({ enum: AWARD_TYPES })
  award: string;

  @ApiProperty({ description: "The award's name in the province" })
  awardName: string;

  @ApiProperty({ enum: NOMINEE_STATUSES })
  status: string;

  @ApiProperty({ example: 'Hội đồng không thông qua' })
  statusName: string;

  @ApiProperty({ enum: NOMINATION_STAGES })
  stage: string;

  @ApiProperty({ enum: NOMINATION_OUTCOMES })
  outcome: string;

  @ApiProperty({ type: Number, nullable: true })
  ballotVotes: number | null;

  @ApiProperty({ type: Number, nullable: true })
  councilVotes: number | null;

  @ApiProperty({ type: String, nullable: true })
  decisionNumber: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'YYYY-MM-DD' })
  decisionDate: string | null;

  @ApiProperty({ description: 'The rule-set version that decided it (the decision’s, else the council’s, else the cycle’s)' })
  rulesVersion: string;

  @ApiProperty({
    type: [NominationReasonView],
    description:
      "Every reason given against it; a unit's people see only their own unit's (and its bloc's Trưởng/Phó khối, the bloc's)",
  })
  reasons: NominationReasonView[];
}

export class GroupCountView {
  @ApiProperty({ description: "The group's code ('' for nominations outside any bloc)" })
  key: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  count: number;
}

export class NominationTotalsView {
  @ApiProperty({ type: [GroupCountView] })
  byBloc: GroupCountView[];

  @ApiProperty({ type: [GroupCountView] })
  byAward: GroupCountView[];

  @ApiProperty({ type: [GroupCountView] })
  byStatus: GroupCountView[];
}

export class NominationPageView {
  @ApiProperty({ type: [NominationView] })
  items: NominationView[];

  @ApiProperty({ description: 'Rows of the filter in all pages' })
  total: number;

  @ApiProperty()
  limit: number;

  @ApiProperty()
  offset: number;

  @ApiProperty({ type: NominationTotalsView, description: 'Counts over all pages of the filter; each grouping adds up to total' })
  totals: NominationTotalsView;
}

export class OutcomeCountsView {
  @ApiProperty() PENDING: number;
  @ApiProperty() AWARDED: number;
  @ApiProperty() FORWARDED: number;
  @ApiProperty() REFUSED: number;
}

export class ReportGroupView {
  @ApiProperty({ description: "The group's code ('' for nominations outside any bloc, '*' for the totals row)" })
  key: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  total: number;

  @ApiProperty({ type: OutcomeCountsView })
  outcomes: OutcomeCountsView;
}

export class NominationReportView {
  @ApiProperty()
  provinceCode: string;

  @ApiProperty()
  provinceName: string;

  @ApiProperty()
  year: number;

  @ApiProperty({ enum: REPORT_GROUPINGS })
  groupBy: string;

  @ApiProperty({ type: [ReportGroupView] })
  groups: ReportGroupView[];

  @ApiProperty({ type: ReportGroupView, description: 'The totals row: the sum of the groups' })
  totals: ReportGroupView;

  @ApiProperty({ type: [NominationView], description: 'Every nomination counted, with its reasons' })
  items: NominationView[];
}

export class UnitNominationsView {
  @ApiProperty()
  unitCode: string;

  @ApiProperty()
  unitName: string;

  @ApiProperty({ type: [NominationView], description: 'Every nomination of the unit, rejected ones with their reasons' })
  nominations: NominationView[];
}
