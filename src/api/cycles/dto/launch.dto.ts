import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

export class CriterionDto {
  @ApiProperty({ example: 'TC1' })
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/)
  code: string;

  @ApiProperty({ example: 'Thực hiện nhiệm vụ chính trị được giao' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  name: string;

  @ApiProperty({ example: 40 })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.01)
  maxPoints: number;

  @ApiProperty({ example: true })
  @IsBoolean()
  evidenceRequired: boolean;
}

export class LaunchDto {
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

  @ApiPropertyOptional({ example: '2020-03-31T17:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  pledgeDeadline?: string;

  @ApiPropertyOptional({ example: '2020-11-30T17:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  selfAssessmentDeadline?: string;
}
