import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '../common/page.dto';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

const ID = /^[A-Za-z0-9._:-]{1,200}$/;
const CODE = /^[A-Za-z0-9_-]{1,64}$/;

export class ChainItemDto {
  @ApiProperty({ example: 'CO_THI_DUA_TINH:BK-HLHPN' })
  @Matches(ID)
  itemId: string;

  @ApiProperty({ example: 'Cờ thi đua của UBND tỉnh – Hội LHPN tỉnh' })
  @IsString()
  @Length(1, 300)
  title: string;

  @ApiPropertyOptional({ description: 'The unit the item is about: its people are recused from deciding it' })
  @IsOptional()
  @Matches(CODE)
  subjectUnitCode?: string;

  @ApiPropertyOptional({ description: 'The person the item is about (an individual award): recused likewise' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  subjectUserId?: string;
}

export class StartChainDto {
  @ApiPropertyOptional({ description: 'A chain of the catalog (GET /v1/approvals/definitions); or give `definition`' })
  @IsOptional()
  @Matches(CODE)
  definitionCode?: string;

  @ApiPropertyOptional({ description: 'A chain definition as data (levels, modes, quorum, due dates, reminders, escalation)' })
  @IsOptional()
  @IsObject()
  definition?: Record<string, unknown>;

  @ApiProperty({ example: 'BK' })
  @Matches(CODE)
  provinceCode: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CODE)
  blocCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID)
  cycleId?: string;

  @ApiProperty({ example: 'Hồ sơ đề nghị khen thưởng năm 2020 – Khối MTTQ và các đoàn thể' })
  @IsString()
  @Length(1, 500)
  title: string;

  @ApiProperty({ type: [ChainItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ChainItemDto)
  items: ChainItemDto[];
}

export class DecisionDto {
  @ApiProperty({ enum: ['APPROVE', 'REJECT', 'RETURN'] })
  @IsIn(['APPROVE', 'REJECT', 'RETURN'])
  decision: 'APPROVE' | 'REJECT' | 'RETURN';

  @ApiProperty({ type: [String], description: 'The line items decided (e.g. nominees)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @Matches(ID, { each: true })
  itemIds: string[];

  @ApiPropertyOptional({ description: 'Mandatory for REJECT and RETURN' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({ description: 'A note with an approval' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;

  @ApiPropertyOptional({ description: 'The holder acted for, when deciding as their delegate' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  actingFor?: string;
}

export class BulkDecisionDto extends DecisionDto {
  @ApiProperty()
  @Matches(ID)
  chainId: string;
}

export class BulkDto {
  @ApiProperty({ type: [BulkDecisionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => BulkDecisionDto)
  decisions: BulkDecisionDto[];
}

export class CommentDto {
  @ApiProperty()
  @IsString()
  @Length(1, 4000)
  text: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @Matches(ID, { each: true })
  itemIds?: string[];
}

export class EvidenceRefDto {
  @ApiProperty()
  @IsString()
  @Length(1, 300)
  title: string;

  @ApiProperty({ example: 'https://vanban.backan.gov.vn/bien-ban-kiem-phieu.pdf' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  url: string;
}

export class EvidenceDto {
  @ApiProperty({ type: [EvidenceRefDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EvidenceRefDto)
  references: EvidenceRefDto[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @Matches(ID, { each: true })
  itemIds?: string[];
}

export class WithdrawDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @Matches(ID, { each: true })
  itemIds: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class ResubmitDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @Matches(ID, { each: true })
  itemIds: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ReassignDto {
  @ApiProperty()
  @Matches(CODE)
  levelCode: string;

  @ApiPropertyOptional({ description: 'The assignee replaced; omit to add a person (e.g. to resolve an incident)' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  fromUserId?: string;

  @ApiProperty({ description: 'Username of the new assignee' })
  @IsString()
  @Length(1, 100)
  toUsername: string;

  @ApiProperty()
  @IsString()
  @Length(1, 2000)
  reason: string;

  @ApiPropertyOptional({ enum: ['APPROVER', 'ESCALATION'] })
  @IsOptional()
  @IsIn(['APPROVER', 'ESCALATION'])
  capacity?: 'APPROVER' | 'ESCALATION';
}

export class InboxQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CODE)
  provinceCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CODE)
  blocCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID)
  cycleId?: string;

  @ApiPropertyOptional({ description: 'Cycle phase of the task (e.g. SUBMISSION, APPRAISAL)' })
  @IsOptional()
  @Matches(CODE)
  phase?: string;

  @ApiPropertyOptional({ description: 'true: only overdue tasks; false: only tasks not overdue' })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ format: 'date', description: 'Tasks due on or before this date (YYYY-MM-DD, Asia/Ho_Chi_Minh)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  // A calendar date, not only its shape: PostgreSQL refuses 2401-39-82 (which answered 500).
  @IsISO8601({ strict: true })
  dueBefore?: string;
}

export class DelegationDto {
  @ApiProperty({ description: 'Username of the delegate' })
  @IsString()
  @Length(1, 100)
  toUsername: string;

  @ApiPropertyOptional({ description: 'Admins may record a delegation on behalf of the holder' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  fromUsername?: string;

  @ApiProperty({ example: '2026-12-01' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  validFrom: string;

  @ApiProperty({ example: '2026-12-15' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  validTo: string;

  @ApiPropertyOptional({ enum: ['DELEGATION', 'OUT_OF_OFFICE'] })
  @IsOptional()
  @IsIn(['DELEGATION', 'OUT_OF_OFFICE'])
  kind?: 'DELEGATION' | 'OUT_OF_OFFICE';

  @ApiProperty({ example: 'Đi công tác nước ngoài' })
  @IsString()
  @Length(1, 1000)
  reason: string;
}

export class IncidentQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'true (default): open incidents only' })
  @IsOptional()
  @IsIn(['true', 'false'])
  open?: 'true' | 'false';

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CODE)
  provinceCode?: string;
}

export class ChainListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Defaults to the province of the acting role' })
  @IsOptional()
  @Matches(CODE)
  provinceCode?: string;
}
