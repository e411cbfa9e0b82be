import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CriterionScoreDto } from './assessment.dto';
import { Type } from 'class-transformer';
import { DatedStepDto } from './dated-step.dto';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SHA256 = /^[0-9a-f]{64}$/;

export class ToTrinhDto {
  @ApiProperty({ example: '12/TTr-KTĐ' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  number: string;

  @ApiProperty({ example: '2020-12-30' })
  @Matches(DATE)
  date: string;

  @ApiProperty({ example: 'to-trinh-12.pdf' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  documentRef: string;

  @ApiPropertyOptional({ description: 'The uploaded tờ trình (POST /v1/files for this cycle)' })
  @IsOptional()
  @Matches(SHA256)
  sha256?: string;
}

export class AchievementReportDto {
  @ApiProperty()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  unitCode: string;

  @ApiProperty({ example: 'Báo cáo thành tích năm 2020' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  title: string;

  @ApiProperty({ example: 'bao-cao-thanh-tich.pdf' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  documentRef: string;

  @ApiPropertyOptional({
    description: "The uploaded report (POST /v1/files for this cycle, or for the nominee unit's scope)",
  })
  @IsOptional()
  @Matches(SHA256)
  sha256?: string;
}

/** A scan of a signed paper of the dossier, uploaded first (POST /v1/files). */
export class SignedScanDto {
  @ApiProperty()
  @Matches(SHA256)
  sha256: string;

  @ApiProperty({ example: 'Tờ trình đã ký (bản quét)' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  name: string;
}

export class SubmitDossierDto {
  @ApiProperty({ type: ToTrinhDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => ToTrinhDto)
  toTrinh: ToTrinhDto;

  @ApiProperty({ type: [AchievementReportDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AchievementReportDto)
  achievementReports: AchievementReportDto[];

  @ApiPropertyOptional({
    type: [SignedScanDto],
    description: 'Scans of the signed papers (tờ trình, biên bản), uploaded for this cycle; their hashes enter the audit chain',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SignedScanDto)
  signedScans?: SignedScanDto[];
}

export class OpinionDto {
  @ApiProperty({ example: 'CO_THI_DUA_TINH:BK-HLHPN' })
  @IsString()
  @MaxLength(100)
  nomineeId: string;

  @ApiProperty()
  @IsBoolean()
  recommend: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class AppraiseDto extends DatedStepDto {
  @ApiProperty({ type: [OpinionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => OpinionDto)
  opinions: OpinionDto[];
}

export class ApproveAppraisalDto extends DatedStepDto {
  @ApiProperty({ enum: ['APPROVE', 'RETURN'] })
  @IsIn(['APPROVE', 'RETURN'])
  decision: 'APPROVE' | 'RETURN';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class CouncilVoteItemDto {
  @ApiProperty()
  @IsString()
  @MaxLength(100)
  nomineeId: string;

  @ApiProperty()
  @IsInt()
  @Min(0)
  votesFor: number;
}

export class CouncilScoreAdjustmentDto {
  @ApiProperty()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  unitCode: string;

  @ApiProperty({ type: [CriterionScoreDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CriterionScoreDto)
  scores: CriterionScoreDto[];

  @ApiProperty({ example: 'Hội đồng xác minh lại điểm tiêu chí 1' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

export class CouncilVoteDto {
  @ApiProperty({ example: '2021-01-10' })
  @Matches(DATE)
  sessionDate: string;

  @ApiProperty({ example: 15 })
  @IsInt()
  @Min(1)
  membersTotal: number;

  @ApiProperty({ example: 14 })
  @IsInt()
  @Min(0)
  membersPresent: number;

  @ApiProperty({ type: [CouncilVoteItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => CouncilVoteItemDto)
  votes: CouncilVoteItemDto[];

  @ApiPropertyOptional({
    type: [CouncilScoreAdjustmentDto],
    description: 'Điều chỉnh điểm của Hội đồng (không ghi đè điểm tự chấm)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CouncilScoreAdjustmentDto)
  scoreAdjustments?: CouncilScoreAdjustmentDto[];
}

export class DecisionItemDto {
  @ApiProperty()
  @IsString()
  @MaxLength(100)
  nomineeId: string;

  @ApiProperty()
  @IsBoolean()
  approve: boolean;

  @ApiPropertyOptional({ description: 'Bắt buộc khi không đồng ý' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class QuotaOverrideDto {
  @ApiProperty({ example: 'Đơn vị dẫn đầu phong trào thi đua theo chuyên đề 5 năm' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;

  @ApiProperty({ example: 'Công văn 123/UBND-NC' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  documentRef: string;
}

export class DecideDto {
  @ApiProperty({ example: '125/QĐ-UBND' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  decisionNumber: string;

  @ApiProperty({ example: '2021-01-20' })
  @Matches(DATE)
  decisionDate: string;

  @ApiProperty({ type: [DecisionItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => DecisionItemDto)
  items: DecisionItemDto[];

  @ApiPropertyOptional({ type: QuotaOverrideDto, description: 'Căn cứ đề nghị vượt tỷ lệ 20% Cờ thi đua của Chính phủ' })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuotaOverrideDto)
  quotaOverride?: QuotaOverrideDto;
}
