import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '../common/page.dto';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';
import { PHASES } from '../../shared/cycle-types';
import { NomineeStatus } from '../../shared/cycle-types';
import { AWARD_TYPES } from '../../shared/rules';

export class CycleFilterDto extends PageQueryDto {
  @ApiPropertyOptional({ pattern: '^[A-Za-z0-9_-]{1,32}$' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/)
  provinceCode?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 2000, maximum: 2100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ enum: PHASES })
  @IsOptional()
  @IsIn(PHASES)
  phase?: string;

  @ApiPropertyOptional({ enum: ['ACTIVE', 'COMPLETED'] })
  @IsOptional()
  @IsIn(['ACTIVE', 'COMPLETED'])
  status?: string;
}

export class LateUnitsFilterDto {
  @ApiPropertyOptional({ enum: ['PLEDGE', 'SELF_ASSESSMENT'] })
  @IsOptional()
  @IsIn(['PLEDGE', 'SELF_ASSESSMENT'])
  phase?: 'PLEDGE' | 'SELF_ASSESSMENT';
}

export class NominationFilterDto extends PageQueryDto {
  @ApiPropertyOptional({ pattern: '^[A-Za-z0-9_-]{1,32}$' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/)
  provinceCode?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 2000, maximum: 2100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ enum: Object.values(NomineeStatus) })
  @IsOptional()
  @IsIn(Object.values(NomineeStatus))
  status?: string;

  @ApiPropertyOptional({ enum: AWARD_TYPES })
  @IsOptional()
  @IsIn(AWARD_TYPES)
  award?: string;
}

export class AsOfDto {
  @ApiProperty({ example: '2021-01-05T00:00:00+07:00', format: 'date-time', description: 'An instant (ISO 8601)' })
  @IsISO8601({ strict: true })
  at: string;
}

export class TimelineFilterDto {
  @ApiPropertyOptional({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'Only the entries of or about this unit (a nominee)' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  unitCode?: string;
}

export class BlocFilterDto {
  @ApiPropertyOptional({ pattern: '^[A-Za-z0-9_-]{1,32}$' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/)
  provinceCode?: string;
}
