import { IsDecimal } from '../../common/decimal';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { DatedStepDto } from './dated-step.dto';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { CriterionType } from '../../../shared/cycle-types';
import { CRITERION_TYPES } from '../../../domain/scores';

const CODE = /^[A-Za-z0-9_.-]{1,64}$/;
const UNIT = /^[A-Za-z0-9_-]{1,64}$/;

export class CriterionDto {
  @ApiProperty({ example: 'TC1' })
  @Matches(CODE)
  code: string;

  @ApiProperty({ example: 'Thực hiện nhiệm vụ chính trị được giao' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  name: string;

  @ApiProperty({ example: 40 })
  @IsDecimal(2)
  @Min(0.01)
  maxPoints: number;

  @ApiProperty({ example: true })
  @IsBoolean()
  evidenceRequired: boolean;

  @ApiPropertyOptional({ example: 'NHOM1', description: 'Nhóm tiêu chí (mã trong criteriaGroups)' })
  @IsOptional()
  @Matches(CODE)
  groupCode?: string;

  @ApiPropertyOptional({
    enum: CRITERION_TYPES,
    default: 'NORMAL',
    description:
      'NORMAL: tính vào nhóm, tối đa bằng điểm tối đa của nhóm; BONUS: điểm thưởng, cộng ngoài mức tối đa của nhóm; PENALTY: điểm trừ (chấm 0..maxPoints là số điểm bị trừ)',
  })
  @IsOptional()
  @IsIn(CRITERION_TYPES)
  type?: CriterionType;
}

export class CriteriaGroupDto {
  @ApiProperty({ example: 'NHOM1' })
  @Matches(CODE)
  code: string;

  @ApiProperty({ example: 'Thực hiện nhiệm vụ chuyên môn' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  name: string;

  @ApiProperty({ example: 60, description: 'Tổng điểm tối đa của các tiêu chí NORMAL trong nhóm' })
  @IsDecimal(2)
  @Min(0.01)
  maxPoints: number;
}

/** The head of `scorer` cross-scores `scored` (chấm chéo). */
export class CrossScoringAssignmentDto {
  @ApiProperty({ example: 'DTN', description: 'Đơn vị chấm chéo' })
  @Matches(UNIT)
  scorer: string;

  @ApiProperty({ example: 'HLHPN', description: 'Đơn vị được chấm' })
  @Matches(UNIT)
  scored: string;
}

export class LaunchDto extends DatedStepDto {
  @ApiProperty({ description: 'Kế hoạch thi đua năm' })
  @IsString()
  @MinLength(1)
  @MaxLength(20_000)
  plan: string;

  @ApiProperty({ description: 'Nội dung giao ước thi đua' })
  @IsString()
  @MinLength(1)
  @MaxLength(20_000)
  pledgeText: string;

  @ApiProperty({ type: [CriterionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria: CriterionDto[];

  @ApiPropertyOptional({ type: [CriteriaGroupDto], description: 'Nhóm tiêu chí và điểm tối đa của từng nhóm' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CriteriaGroupDto)
  criteriaGroups?: CriteriaGroupDto[];

  @ApiPropertyOptional({
    type: [CrossScoringAssignmentDto],
    description: 'Chấm chéo giữa các đơn vị (tùy chọn): mỗi đơn vị được chấm bởi nhiều nhất một đơn vị khác',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CrossScoringAssignmentDto)
  crossScoring?: CrossScoringAssignmentDto[];

  @ApiPropertyOptional({ example: '2020-03-31T17:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  pledgeDeadline?: string;

  @ApiPropertyOptional({ example: '2020-11-30T17:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  selfAssessmentDeadline?: string;
}
