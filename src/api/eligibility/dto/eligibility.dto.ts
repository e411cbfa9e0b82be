import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  EligibilityRule,
  TASK_RATINGS,
  UNIT_CONDITION_KINDS,
  type TaskRating,
  type UnitConditionKind,
} from '../../../shared/eligibility';
import { AWARD_TYPES, type AwardType } from '../../../shared/rules';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const NOT_BLANK = /\S/;
const DATE_MESSAGE = (field: string) => `${field} must be a calendar date YYYY-MM-DD`;

// ---- Requests ----

export class RecordConditionDto {
  @ApiProperty({ enum: UNIT_CONDITION_KINDS, example: 'INVESTIGATION' })
  @IsIn(UNIT_CONDITION_KINDS)
  kind: UnitConditionKind;

  @ApiProperty({ example: 'Thanh tra tỉnh', description: 'Cơ quan quyết định hoặc cung cấp thông tin' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'sourceAgency must not be blank' })
  @MaxLength(200)
  sourceAgency: string;

  @ApiProperty({ example: 'Thanh tra việc quản lý, sử dụng kinh phí năm 2020' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'description must not be blank' })
  @MaxLength(2000)
  description: string;

  @ApiProperty({ example: '15/QĐ-TTr', description: 'Số văn bản, quyết định hoặc danh sách' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'reference must not be blank' })
  @MaxLength(200)
  reference: string;

  @ApiProperty({ example: '2020-03-01', description: 'Ngày bắt đầu; với danh sách vi phạm, ngày vi phạm' })
  @Matches(DATE, { message: DATE_MESSAGE('fromDate') })
  @IsISO8601({ strict: true }, { message: DATE_MESSAGE('fromDate') })
  fromDate: string;

  @ApiPropertyOptional({
    type: String,
    example: '2020-09-30',
    nullable: true,
    description: 'Ngày cuối cùng có hiệu lực (kể cả ngày này)',
  })
  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE('toDate') })
  @IsISO8601({ strict: true }, { message: DATE_MESSAGE('toDate') })
  toDate?: string | null;
}

export class ResolveConditionDto {
  @ApiProperty({ example: '2020-11-15', description: 'Ngày có kết luận, thu hồi hoặc xóa kỷ luật; có hiệu lực từ ngày này' })
  @Matches(DATE, { message: DATE_MESSAGE('resolvedOn') })
  @IsISO8601({ strict: true }, { message: DATE_MESSAGE('resolvedOn') })
  resolvedOn: string;

  @ApiProperty({ example: 'Kết luận thanh tra số 20/KL-TTr: không có vi phạm' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'note must not be blank' })
  @MaxLength(2000)
  note: string;
}

export class SetRatingDto {
  @ApiProperty({ enum: TASK_RATINGS, example: 'HTXSNV' })
  @IsIn(TASK_RATINGS)
  rating: TaskRating;

  @ApiProperty({ example: 'Quyết định 45-QĐ/ĐU của Đảng ủy Khối về xếp loại tổ chức đảng năm 2020' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'basis must not be blank' })
  @MaxLength(1000)
  basis: string;
}

export class EligibilityQueryDto {
  @ApiProperty({ example: 2020 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ enum: AWARD_TYPES })
  @IsIn(AWARD_TYPES)
  award: AwardType;

  @ApiPropertyOptional({ example: '2020-12-29', description: 'Ngày xét; mặc định là hôm nay (giờ Việt Nam)' })
  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE('asOf') })
  @IsISO8601({ strict: true }, { message: DATE_MESSAGE('asOf') })
  asOf?: string;
}

// ---- Responses (documentation of what the service returns) ----

export class UnitConditionView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  unitCode: string;

  @ApiProperty({ enum: UNIT_CONDITION_KINDS })
  kind: UnitConditionKind;

  @ApiProperty()
  sourceAgency: string;

  @ApiProperty()
  description: string;

  @ApiProperty()
  reference: string;

  @ApiProperty({ example: '2020-03-01' })
  fromDate: string;

  @ApiProperty({ type: String, nullable: true, example: null })
  toDate: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Start of the day it was cleared, Viet Nam time' })
  resolvedAt: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2020-11-15' })
  resolvedOn: string | null;

  @ApiProperty({ type: String, nullable: true })
  resolvedBy: string | null;

  @ApiProperty({ type: String, nullable: true })
  resolutionNote: string | null;

  @ApiProperty()
  recordedBy: string;

  @ApiProperty()
  createdAt: string;
}

export class UnitRatingView {
  @ApiProperty()
  unitCode: string;

  @ApiProperty({ example: 2020 })
  year: number;

  @ApiProperty({ enum: TASK_RATINGS })
  rating: TaskRating;

  @ApiProperty({ example: 'hoàn thành xuất sắc nhiệm vụ' })
  ratingName: string;

  @ApiProperty()
  basis: string;

  @ApiProperty()
  recordedBy: string;

  @ApiProperty()
  updatedAt: string;
}

export class EligibilityCheckView {
  @ApiProperty({ enum: Object.values(EligibilityRule) })
  rule: EligibilityRule;

  @ApiProperty()
  passed: boolean;

  @ApiProperty({
    example: 'Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4',
    description: 'The clause of the rule set in force on the date checked',
  })
  clause: string;

  @ApiPropertyOptional({
    example: 'Tập thể bị kỷ luật: thành tích chỉ được tính từ khi hết thời hạn kỷ luật.',
    description: 'What the clause requires, in Vietnamese',
  })
  requirement?: string;

  @ApiProperty({ example: 'investigation 15/QĐ-TTr (Thanh tra tỉnh: ...) open since 2020-03-01, pending on 2020-12-29' })
  detail: string;
}

export class EligibilityResultView {
  @ApiProperty()
  unitCode: string;

  @ApiProperty({ enum: AWARD_TYPES })
  award: AwardType;

  @ApiProperty({ example: 2020 })
  year: number;

  @ApiProperty({ example: '2020-12-29' })
  asOf: string;

  @ApiProperty()
  eligible: boolean;

  @ApiProperty({ type: [EligibilityCheckView] })
  checks: EligibilityCheckView[];
}
