import { IsDecimal } from '../../common/decimal';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { DatedStepDto } from './dated-step.dto';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

export class CriterionScoreDto {
  @ApiProperty({ example: 'TC1' })
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/)
  criterionCode: string;

  @ApiProperty({ example: 38.5 })
  @IsDecimal(2)
  points: number;

  @ApiProperty({
    type: [String],
    example: ['bao-cao-tong-ket-2020.pdf'],
    description:
      'References to the evidence: `sha256:<64 hex>` names a file uploaded for this unit (POST /v1/files?unitCode=…), checked to exist and recorded in the audit chain; other text is kept as written',
  })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  evidenceRefs: string[];

  @ApiPropertyOptional({
    example: 'Chưa có báo cáo sơ kết 6 tháng',
    description: 'On verifiedScores: why the points differ from the self score (required for each changed criterion).',
    maxLength: 1000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class SubmitAssessmentDto extends DatedStepDto {
  @ApiProperty({ type: [CriterionScoreDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CriterionScoreDto)
  scores: CriterionScoreDto[];
}

export class ReviewDto extends DatedStepDto {
  @ApiProperty({ enum: ['ACCEPT', 'RETURN'] })
  @IsIn(['ACCEPT', 'RETURN'])
  decision: 'ACCEPT' | 'RETURN';

  @ApiPropertyOptional({ description: 'Bắt buộc khi trả lại' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

/** The board's completeness check of the dossier; ACCEPT may give the date the dossier was complete. */
export class ReviewDossierDto extends ReviewDto {
  @ApiPropertyOptional({ example: '2020-12-31', description: 'Ngày nhận đủ hồ sơ, nếu trước ngày nhập vào hệ thống' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  completeOn?: string;
}

/** The Trưởng khối's review of a self-assessment, with his own scores when he accepts other points. */
export class ReviewAssessmentDto extends ReviewDto {
  @ApiPropertyOptional({
    type: [CriterionScoreDto],
    description:
      'Chỉ khi chấp nhận: điểm thẩm định của Trưởng khối cho từng tiêu chí; bỏ trống thì điểm tự chấm được xác nhận nguyên như cũ',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CriterionScoreDto)
  verifiedScores?: CriterionScoreDto[];
}

/** Steps whose only input is who acts; the body must be empty or {}. */
export class EmptyDto {}

/** The unit head's step: approve for the Trưởng khối (an empty body, as before), or return to the focal person. */
export class ApproveAssessmentDto extends DatedStepDto {
  @ApiPropertyOptional({ enum: ['APPROVE', 'RETURN'], default: 'APPROVE' })
  @IsOptional()
  @IsIn(['APPROVE', 'RETURN'])
  decision?: 'APPROVE' | 'RETURN';

  @ApiPropertyOptional({ example: 'Thiếu minh chứng tiêu chí 1', description: 'Required with RETURN', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
