import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const OBJECT = { type: 'object', additionalProperties: true } as const;

/** A round's state as its workflow answers it (the parts described in their own words: they grow with the round). */
export class RoundStateView {
  @ApiProperty({ example: 'round:BK:2025:1' })
  roundId: string;

  @ApiProperty({ example: 'BK' })
  provinceCode: string;

  @ApiProperty({ example: 2025 })
  year: number;

  @ApiProperty({ example: 1 })
  n: number;

  @ApiProperty()
  title: string;

  @ApiProperty({ enum: ['OPEN', 'CLOSED'] })
  status: string;

  @ApiProperty()
  version: number;

  @ApiProperty()
  rulesVersion: string;

  @ApiProperty()
  openedBy: string;

  @ApiProperty()
  openedAt: string;

  @ApiProperty({ ...OBJECT, description: 'Target count per award' })
  targets: Record<string, number>;

  @ApiProperty({
    type: 'array',
    items: OBJECT,
    description:
      'Line items: id, source (BLOC/DIRECT), cycleId, blocCode, proposer, unitCode, award, status, appraisal, council, decision, central, reason',
  })
  items: object[];

  @ApiProperty({ ...OBJECT, description: 'The appraisal: status, returns, approvals' })
  appraisal: object;

  @ApiProperty({ type: 'array', items: OBJECT, description: 'Council sessions with attendance, quorum, votes (the minutes)' })
  sessions: object[];

  @ApiProperty({ type: 'array', items: OBJECT, description: 'The chairman’s numbered decisions' })
  decisions: object[];

  @ApiProperty({ type: 'array', items: OBJECT, description: 'Submissions upward (tờ trình, sends, returns)' })
  submissions: object[];

  @ApiPropertyOptional()
  closedAt?: string;
}

/** A round with its award groups: the ranking and the province's target beside each group. */
export class RoundDetailView extends RoundStateView {
  @ApiProperty({ type: 'array', items: OBJECT, description: 'Per award: target, proposed, approved, ranking' })
  groups: object[];
}

export class RoundSummaryView {
  @ApiProperty({ example: 'round:BK:2025:1' })
  roundId: string;

  @ApiProperty()
  provinceCode: string;

  @ApiProperty()
  year: number;

  @ApiProperty()
  n: number;

  @ApiProperty({ enum: ['OPEN', 'CLOSED'] })
  status: string;

  @ApiProperty()
  items: number;

  @ApiProperty()
  openedAt: string;
}

export class SessionMinutesView {
  @ApiProperty()
  roundId: string;

  @ApiProperty({ example: 'S2' })
  sessionId: string;

  @ApiProperty()
  sessionDate: string;

  @ApiProperty({ enum: ['OPEN', 'ADJOURNED', 'CLOSED'] })
  status: string;

  @ApiProperty({ type: 'array', items: OBJECT, description: 'Members in office with presence: PRESENT, WRITTEN_VOTE or ABSENT' })
  attendance: object[];

  @ApiProperty({ ...OBJECT, description: 'required, present, base, ratio, met' })
  quorum: object;

  @ApiProperty({
    type: 'array',
    items: OBJECT,
    description: 'Per item: unit, award, bloc or proposer, for/against/invalid, required, passed, reason',
  })
  votes: object[];

  @ApiPropertyOptional()
  adjournReason?: string;

  @ApiProperty()
  rulesVersion: string;
}

export class CouncilMemberView {
  @ApiProperty()
  id: string;

  @ApiProperty()
  provinceCode: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  userId: string | null;

  @ApiProperty()
  name: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  title: string | null;

  @ApiProperty({ enum: ['CHU_TICH', 'PHO_CHU_TICH', 'UY_VIEN', 'THU_KY'] })
  councilRole: string;

  @ApiProperty()
  validFrom: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  validTo: string | null;
}

export class RoundEventView {
  @ApiProperty()
  id: string;

  @ApiProperty()
  occurredAt: string;

  @ApiProperty()
  type: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  actorUserId: string | null;

  @ApiProperty()
  summaryVi: string;
}
