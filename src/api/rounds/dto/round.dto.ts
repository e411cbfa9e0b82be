import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { AWARD_TYPES, AwardType } from '../../../shared/rules';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[A-Za-z0-9_-]{1,64}$/;
/** Items of a round: `<cycle id>:<award>:<unit>` or `<round id>:direct:<n>`. */
const ITEM_ID = /^[A-Za-z0-9_.:-]{1,300}$/;
export const COUNCIL_ROLES = ['CHU_TICH', 'PHO_CHU_TICH', 'UY_VIEN', 'THU_KY'] as const;

export class OpenRoundDto {
  @ApiProperty({ example: 'BK' })
  @Matches(CODE)
  provinceCode: string;

  @ApiProperty({ example: 2025 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiPropertyOptional({
    description: '1 for the year-end round (default); 2, 3… for extra rounds (e.g. a March session)',
    example: 1,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(99)
  n?: number;

  @ApiPropertyOptional({ example: 'Xét khen thưởng tổng kết năm 2025' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({
    description: 'The province’s target count per award, shown beside each group at the council',
    example: { CO_THI_DUA_TINH: 31, BANG_KHEN_CHU_TICH: 52 },
  })
  @IsOptional()
  @IsObject()
  targets?: Partial<Record<AwardType, number>>;
}

export class RoundFilterDto {
  @ApiPropertyOptional({ example: 'BK' })
  @IsOptional()
  @Matches(CODE)
  provinceCode?: string;

  @ApiPropertyOptional({ example: 2025 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  year?: number;
}

export class HandOverCycleDto {
  @ApiProperty({
    description: 'A bloc’s cycle of this province and year, whose accepted dossier’s nominees join the round',
    example: 'cycle.BK.MTTQ.2025',
  })
  @Matches(/^cycle\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.\d{4}$/)
  cycleId: string;
}

export class ProposeDirectDto {
  @ApiProperty({ description: 'The agency that proposes (outside any bloc)', example: 'Sở Tài chính' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  proposer: string;

  @ApiProperty({ example: 'BK-STC-PKH' })
  @Matches(CODE)
  unitCode: string;

  @ApiProperty({ enum: AWARD_TYPES })
  @IsIn(AWARD_TYPES)
  award: AwardType;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ProposeDirectBatchDto {
  @ApiProperty({ type: [ProposeDirectDto], description: 'Each proposal as POST /direct takes one; at most 500 a request' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ProposeDirectDto)
  proposals: ProposeDirectDto[];
}

export class ItemOpinionDto {
  @ApiProperty({ example: 'cycle.BK.MTTQ.2025:CO_THI_DUA_TINH:BK-HLHPN' })
  @Matches(ITEM_ID)
  itemId: string;

  @ApiProperty()
  @IsBoolean()
  recommend: boolean;

  @ApiPropertyOptional({ description: 'Stays on the item; required when not recommended' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class AppraiseItemsDto {
  @ApiProperty({ type: [ItemOpinionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => ItemOpinionDto)
  opinions: ItemOpinionDto[];
}

export class ReviewListDto {
  @ApiProperty({ enum: ['APPROVE', 'RETURN'] })
  @IsIn(['APPROVE', 'RETURN'])
  decision: 'APPROVE' | 'RETURN';

  @ApiPropertyOptional({ description: 'Required for RETURN' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class OpenSessionDto {
  @ApiProperty({ example: '2025-12-26' })
  @Matches(DATE)
  @IsISO8601({ strict: true })
  sessionDate: string;

  @ApiProperty({ description: 'Member ids present (council_members: the username, or the membership id)', type: [String] })
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  present: string[];

  @ApiPropertyOptional({ description: 'Absent members whose written votes count (where the rule set allows it)', type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  writtenVotes?: string[];
}

export class TallyDto {
  @ApiProperty()
  @Matches(ITEM_ID)
  itemId: string;

  @ApiProperty()
  @IsInt()
  @Min(0)
  votesFor: number;

  @ApiProperty()
  @IsInt()
  @Min(0)
  votesAgainst: number;

  @ApiProperty()
  @IsInt()
  @Min(0)
  invalid: number;

  @ApiPropertyOptional({ description: 'The council’s reason for a rejection (a default states the count)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class VoteTalliesDto {
  @ApiProperty({ type: [TallyDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => TallyDto)
  tallies: TallyDto[];
}

export class EndSessionDto {
  @ApiProperty({ enum: ['ADJOURN', 'CLOSE'] })
  @IsIn(['ADJOURN', 'CLOSE'])
  end: 'ADJOURN' | 'CLOSE';

  @ApiPropertyOptional({ description: 'Required for ADJOURN; kept in the minutes' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class RoundDecisionItemDto {
  @ApiProperty()
  @Matches(ITEM_ID)
  itemId: string;

  @ApiProperty()
  @IsBoolean()
  approve: boolean;

  @ApiPropertyOptional({ description: 'Required for a rejection' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class RoundQuotaOverrideDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  documentRef: string;
}

export class RoundDecisionDto {
  @ApiProperty({ example: '3210/QĐ-UBND' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  decisionNumber: string;

  @ApiProperty({ example: '2025-12-30' })
  @Matches(DATE)
  @IsISO8601({ strict: true })
  decisionDate: string;

  @ApiProperty({ type: [RoundDecisionItemDto], description: 'The annex: items across blocs and direct proposals' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => RoundDecisionItemDto)
  items: RoundDecisionItemDto[];

  @ApiPropertyOptional({ type: RoundQuotaOverrideDto, description: 'Cờ CP beyond the 20% quota: the documented reason' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RoundQuotaOverrideDto)
  quotaOverride?: RoundQuotaOverrideDto;
}

export class RoundToTrinhDto {
  @ApiProperty({ example: '45/TTr-UBND' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  number: string;

  @ApiProperty({ example: '2026-01-10' })
  @Matches(DATE)
  @IsISO8601({ strict: true })
  date: string;
}

export class SubmitUpwardDto {
  @ApiProperty({ type: RoundToTrinhDto })
  @ValidateNested()
  @Type(() => RoundToTrinhDto)
  toTrinh: RoundToTrinhDto;

  @ApiProperty({ example: '2026-01-11' })
  @Matches(DATE)
  @IsISO8601({ strict: true })
  sentOn: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @Matches(ITEM_ID, { each: true })
  itemIds: string[];
}

export class ReturnUpwardDto {
  @ApiProperty({ description: 'What the centre asked to supplement' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;

  @ApiProperty({ example: '2026-02-01' })
  @Matches(DATE)
  @IsISO8601({ strict: true })
  returnedOn: string;
}

export class ResendUpwardDto {
  @ApiProperty({ example: '2026-02-05' })
  @Matches(DATE)
  @IsISO8601({ strict: true })
  sentOn: string;

  @ApiPropertyOptional({ type: RoundToTrinhDto, description: 'A new tờ trình, when the province issued one' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RoundToTrinhDto)
  toTrinh?: RoundToTrinhDto;
}

export class CentralDecisionDto {
  @ApiProperty({ example: '200/QĐ-TTg' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  number: string;

  @ApiProperty({ example: '2026-04-01' })
  @Matches(DATE)
  @IsISO8601({ strict: true })
  date: string;

  @ApiProperty({ type: [RoundDecisionItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => RoundDecisionItemDto)
  items: RoundDecisionItemDto[];
}

export class CouncilMemberFilterDto {
  @ApiProperty({ example: 'BK' })
  @Matches(CODE)
  provinceCode: string;

  @ApiPropertyOptional({ description: 'Members in office on this day (default: all, past ones included)', example: '2025-12-26' })
  @IsOptional()
  @Matches(DATE)
  @IsISO8601({ strict: true })
  on?: string;
}

export class AddCouncilMemberDto {
  @ApiProperty({ example: 'BK' })
  @Matches(CODE)
  provinceCode: string;

  @ApiPropertyOptional({
    description: 'The member’s account (username), for a member who acts in the system',
    example: 'hoidong.bk.1',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  userId?: string;

  @ApiProperty({ example: 'Nguyễn Văn A' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'Giám đốc Sở Nội vụ' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  title?: string;

  @ApiProperty({ enum: COUNCIL_ROLES })
  @IsIn(COUNCIL_ROLES)
  councilRole: (typeof COUNCIL_ROLES)[number];

  @ApiProperty({ example: '2025-01-01' })
  @Matches(DATE)
  @IsISO8601({ strict: true })
  validFrom: string;
}

export class EndCouncilMemberDto {
  @ApiProperty({ description: 'Last day in the role', example: '2025-12-31' })
  @Matches(DATE)
  @IsISO8601({ strict: true })
  validTo: string;
}
