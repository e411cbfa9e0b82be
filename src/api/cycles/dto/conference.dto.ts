import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { AWARD_TYPES } from '../../../shared/rules';

const UNIT = /^[A-Za-z0-9_-]{1,64}$/;

export class OpenConferenceDto {
  @ApiProperty({ example: '2020-12-29' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  heldOn: string;

  @ApiPropertyOptional({ example: 'Hội trường Tỉnh đoàn' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  location?: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @Matches(UNIT, { each: true })
  presentUnits: string[];
}

/** Units per award; an award left out has no candidates. */
export class AwardUnitsDto {
  @ApiPropertyOptional({ type: [String], description: 'Cờ thi đua của UBND tỉnh' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(UNIT, { each: true })
  CO_THI_DUA_TINH?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Bằng khen của Chủ tịch UBND tỉnh' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(UNIT, { each: true })
  BANG_KHEN_CHU_TICH?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Cờ thi đua của Chính phủ (đề nghị)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(UNIT, { each: true })
  CO_THI_DUA_CHINH_PHU?: string[];
}

export class OpenBallotDto {
  @ApiProperty({ type: AwardUnitsDto })
  @ValidateNested()
  @Type(() => AwardUnitsDto)
  candidates: AwardUnitsDto;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(UNIT, { each: true })
  leaderCandidates: string[];

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(UNIT, { each: true })
  deputyCandidates: string[];
}

export class CastBallotDto {
  @ApiProperty({ type: AwardUnitsDto })
  @ValidateNested()
  @Type(() => AwardUnitsDto)
  choices: AwardUnitsDto;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(UNIT)
  nextLeader?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(UNIT)
  nextDeputy?: string;
}

const TIE_ITEMS = [...AWARD_TYPES, 'LEADER', 'DEPUTY'];

export class DecideTieDto {
  @ApiProperty({ enum: TIE_ITEMS, description: 'The award, or LEADER / DEPUTY for the election' })
  @IsIn(TIE_ITEMS)
  item: string;

  @ApiProperty({ type: [String], description: 'The units chosen among the tied ones, as many as the open slots' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(UNIT, { each: true })
  chosen: string[];
}

export class ApproveLeadershipDto {
  @ApiProperty({ example: 'QĐ 64/QĐ-SLĐTBXH', description: 'Quyết định phê duyệt Trưởng khối, Phó khối' })
  @IsString()
  @MaxLength(200)
  decisionRef: string;

  @ApiPropertyOptional({ description: 'Only where the decision names another unit than the elected one' })
  @IsOptional()
  @Matches(UNIT)
  leaderUnit?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(UNIT)
  deputyUnit?: string;
}
