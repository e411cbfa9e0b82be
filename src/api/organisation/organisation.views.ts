import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Allow, IsIn, IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { BLOC_KINDS, UNIT_KINDS, type BlocKind, type UnitKind } from '../../domain/organisation';
import { PageQueryDto } from '../common/page.dto';

const DATE = '^\\d{4}-\\d{2}-\\d{2}$';

export class OrgProvinceView {
  @ApiProperty({ example: 'BK' }) code: string;
  @ApiProperty({ example: 'Tỉnh Bắc Kạn' }) name: string;
  @ApiProperty({ example: '2000-01-01', description: 'First day the province exists' }) validFrom: string;
  @ApiProperty({ type: String, nullable: true, example: '2025-07-01', description: 'Exclusive end; null while it exists' })
  validTo: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'TN', description: 'The province that succeeds it (2025 mergers)' })
  successorCode: string | null;
}

export class OrgBlocView {
  @ApiProperty({ example: 'BK' }) provinceCode: string;
  @ApiProperty({ example: 'MTTQ-DT' }) code: string;
  @ApiProperty({ example: 'Khối thi đua Mặt trận Tổ quốc và các đoàn thể tỉnh' }) name: string;
  @ApiProperty({ enum: Object.keys(BLOC_KINDS), example: 'KHOI' }) kind: BlocKind;
  @ApiProperty({ example: 'Khối thi đua' }) kindLabel: string;
  @ApiProperty({ type: 'integer', example: 2020 }) fromYear: number;
  @ApiProperty({ type: 'integer', nullable: true, example: null, description: 'Last year (inclusive); null while it exists' })
  toYear: number | null;
}

export class OrgMembershipView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'MTTQ-DT' }) blocCode: string;
  @ApiProperty() blocName: string;
  @ApiProperty({ example: 'BK-HLHPN' }) unitCode: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ example: '2020-01-01', description: 'First day (inclusive)' }) validFrom: string;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'End (exclusive); null while it lasts' })
  validTo: string | null;
}

export class OrgUnitAwardView {
  @ApiProperty({ example: 'BK-HLHPN', description: 'The code the unit had when awarded (itself or a predecessor)' })
  unitCode: string;
  @ApiProperty({ type: 'integer', example: 2020 }) year: number;
  @ApiProperty({ example: 'CO_THI_DUA_TINH' }) award: string;
  @ApiProperty({ example: 'Cờ thi đua của UBND tỉnh' }) awardName: string;
  @ApiProperty({ example: '123/QĐ-UBND' }) decisionNumber: string;
  @ApiProperty({ example: '2021-01-20' }) decisionDate: string;
}

export class OrgUnitView {
  @ApiProperty({ example: 'BK-HLHPN' }) code: string;
  @ApiProperty({ example: 'BK' }) provinceCode: string;
  @ApiProperty({ example: 'Hội Liên hiệp Phụ nữ tỉnh Bắc Kạn' }) name: string;
  @ApiProperty({ type: String, nullable: true, example: 'Hội LHPN' }) shortName: string | null;
  @ApiProperty({ enum: Object.keys(UNIT_KINDS), example: 'MAT_TRAN' }) kind: UnitKind;
  @ApiProperty({ example: UNIT_KINDS.MAT_TRAN }) kindLabel: string;
  @ApiProperty({ type: String, nullable: true, description: 'Cơ quan chủ quản' }) parentCode: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) headCount: number | null;
  @ApiProperty({ type: 'number', nullable: true, minimum: 0, maximum: 1 }) womenRatio: number | null;
  @ApiProperty({ example: '2000-01-01' }) validFrom: string;
  @ApiProperty({ type: String, nullable: true, description: 'Exclusive end; null while the unit exists' }) validTo: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The unit that succeeded it (renamed or merged)' })
  successorCode: string | null;
  @ApiProperty({ type: String, nullable: true }) succeededOn: string | null;
  @ApiProperty({ type: [String], description: 'Earlier codes of this unit, whose history is its own' }) predecessors: string[];
  @ApiProperty({ type: [OrgMembershipView], description: 'Its bloc memberships (and its predecessors’), by date' })
  memberships: OrgMembershipView[];
  @ApiPropertyOptional({
    type: [OrgUnitAwardView],
    description: 'One unit (GET …/units/:unitCode): its awards and its predecessors’; for unit roles only their own unit’s',
  })
  awards?: OrgUnitAwardView[];
}

export class OrgLeadershipView {
  @ApiProperty({ example: 'MTTQ-DT' }) blocCode: string;
  @ApiProperty({ type: 'integer', example: 2020 }) year: number;
  @ApiProperty({ example: 'BK-HLHPN' }) leaderUnitCode: string;
  @ApiProperty({ example: 'BK-LDLD' }) deputyUnitCode: string;
  @ApiProperty({ enum: ['SEEDED', 'ELECTED', 'APPOINTED', 'INITIAL'] }) source: 'SEEDED' | 'ELECTED' | 'APPOINTED' | 'INITIAL';
}

class PagedBase {
  @ApiProperty({ type: 'integer', description: 'How many match in all' }) total: number;
  @ApiProperty({ type: 'integer' }) limit: number;
  @ApiProperty({ type: 'integer' }) offset: number;
}

export class OrgPagedProvinces extends PagedBase {
  @ApiProperty({ type: [OrgProvinceView] }) items: OrgProvinceView[];
}
export class OrgPagedBlocs extends PagedBase {
  @ApiProperty({ type: [OrgBlocView] }) items: OrgBlocView[];
}
export class OrgPagedUnits extends PagedBase {
  @ApiProperty({ type: [OrgUnitView] }) items: OrgUnitView[];
}
export class OrgPagedMemberships extends PagedBase {
  @ApiProperty({ type: [OrgMembershipView] }) items: OrgMembershipView[];
}

// ---------------------------------------------------------------------------------------------------------
// Queries.

export class SearchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of the code or the name (case-insensitive)', maxLength: 100 })
  @IsOptional()
  @MaxLength(100)
  q?: string;
}

export class BlocQueryDto extends SearchQueryDto {
  @ApiPropertyOptional({ description: 'Only blocs that exist in this year', type: 'integer', minimum: 1945, maximum: 2100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1945)
  @Max(2100)
  year?: number;
}

export class UnitQueryDto extends SearchQueryDto {
  @ApiPropertyOptional({ description: 'Only units of this bloc (on `on`, by default today)', maxLength: 64 })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  blocCode?: string;

  @ApiPropertyOptional({ description: 'Only units that exist on this day (YYYY-MM-DD)', pattern: DATE })
  @IsOptional()
  @Matches(new RegExp(DATE))
  on?: string;

  @ApiPropertyOptional({ enum: Object.keys(UNIT_KINDS) })
  @IsOptional()
  @IsIn(Object.keys(UNIT_KINDS))
  kind?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Also units that have ended (default false)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  includeEnded?: string;
}

export class MembershipQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only memberships in force on this day (YYYY-MM-DD)', pattern: DATE })
  @IsOptional()
  @Matches(new RegExp(DATE))
  on?: string;
}

// ---------------------------------------------------------------------------------------------------------
// Bodies: whitelisted here, checked whole by src/domain/organisation (a 422 names every bad field).

export class CreateProvinceDto {
  @ApiProperty({ type: 'string', example: 'TN', description: '[A-Za-z0-9_-], at most 32' }) @Allow() code: unknown;
  @ApiProperty({ type: 'string', example: 'Tỉnh Thái Nguyên' }) @Allow() name: unknown;
  @ApiPropertyOptional({ type: 'string', example: '2025-07-01' }) @Allow() validFrom?: unknown;
}

export class UpdateProvinceDto {
  @ApiPropertyOptional({ type: 'string', example: 'Tỉnh Thái Nguyên' }) @Allow() name?: unknown;
  @ApiPropertyOptional({ type: 'string', example: '2025-07-01' }) @Allow() validFrom?: unknown;
}

export class SuccessionDto {
  @ApiProperty({ type: 'string', example: 'TN', description: 'The province that succeeds this one' })
  @Allow()
  successorCode: unknown;
  @ApiProperty({ type: 'string', example: '2025-07-01', description: 'The first day of the successor' }) @Allow() on: unknown;
}

export class UpdateBlocDto {
  @ApiPropertyOptional({ type: 'string', example: 'Khối thi đua các hội đặc thù' }) @Allow() name?: unknown;
  @ApiPropertyOptional({ enum: Object.keys(BLOC_KINDS) }) @Allow() kind?: unknown;
  @ApiPropertyOptional({ type: 'integer', example: 2026 }) @Allow() fromYear?: unknown;
  @ApiPropertyOptional({ type: 'integer', nullable: true }) @Allow() toYear?: unknown;
}

export class CreateBlocDto extends UpdateBlocDto {
  @ApiProperty({ type: 'string', example: 'HOI-DT', description: '[A-Za-z0-9_-], at most 64; unique in the province' })
  @Allow()
  code: unknown;
}

export class EndBlocDto {
  @ApiProperty({ type: 'integer', example: 2025, description: 'The last year the bloc runs a cycle' }) @Allow() toYear: unknown;
}

export class UpdateUnitDto {
  @ApiPropertyOptional({ type: 'string', example: 'Hội Chữ thập đỏ tỉnh' }) @Allow() name?: unknown;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Hội CTĐ' }) @Allow() shortName?: unknown;
  @ApiPropertyOptional({ enum: Object.keys(UNIT_KINDS) }) @Allow() kind?: unknown;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Cơ quan chủ quản (a unit code)' })
  @Allow()
  parentCode?: unknown;
  @ApiPropertyOptional({ type: 'integer', nullable: true }) @Allow() headCount?: unknown;
  @ApiPropertyOptional({ type: 'number', nullable: true, description: '0..1, at most 4 decimals' }) @Allow() womenRatio?: unknown;
  @ApiPropertyOptional({ type: 'string', example: '2000-01-01' }) @Allow() validFrom?: unknown;
}

export class CreateUnitDto extends UpdateUnitDto {
  @ApiProperty({ type: 'string', example: 'BK-HCTD', description: '[A-Za-z0-9_-], at most 64; unique in the system' })
  @Allow()
  code: unknown;
}

export class EndUnitDto {
  @ApiProperty({ type: 'string', example: '2026-01-01', description: 'The first day the unit no longer exists' })
  @Allow()
  on: unknown;
  @ApiPropertyOptional({
    type: 'string',
    description: 'The unit that succeeds it (renamed or merged); its award history follows',
  })
  @Allow()
  successorCode?: unknown;
}

export class CreateMembershipDto {
  @ApiProperty({ type: 'string', example: 'BK-HLHPN' }) @Allow() unitCode: unknown;
  @ApiProperty({ type: 'string', example: '2026-01-01', description: 'First day (inclusive)' }) @Allow() validFrom: unknown;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'End (exclusive); open when absent' })
  @Allow()
  validTo?: unknown;
  @ApiPropertyOptional({
    type: Boolean,
    description: 'End the unit’s membership in force on validFrom (in another bloc) on that day: a move in one request',
  })
  @Allow()
  endCurrent?: unknown;
}

export class EndMembershipDto {
  @ApiProperty({ type: 'string', example: '2026-01-01', description: 'The first day the unit is no longer a member' })
  @Allow()
  on: unknown;
}

export class LeadershipDto {
  @ApiProperty({ type: 'string', example: 'BK-HLHPN', description: 'Trưởng khối' }) @Allow() leaderUnitCode: unknown;
  @ApiProperty({ type: 'string', example: 'BK-LDLD', description: 'Phó khối' }) @Allow() deputyUnitCode: unknown;
}
