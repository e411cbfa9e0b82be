import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '../common/page.dto';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';
import { PHASES } from '../../shared/cycle-types';
import { NomineeStatus } from '../../shared/cycle-types';
import { AWARD_TYPES } from '../../shared/rules';
import {
  NOMINATION_OUTCOMES,
  NOMINATION_SOURCES,
  NOMINATION_STAGES,
  REPORT_GROUPINGS,
  type NominationOutcome,
  type NominationSource,
  type NominationStage,
  type ReportGrouping,
} from '../../domain/nomination-report';

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

  @ApiPropertyOptional({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'A bloc or cluster code' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  blocCode?: string;

  @ApiPropertyOptional({ pattern: '^[A-Za-z0-9_-]{1,64}$' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  unitCode?: string;

  @ApiPropertyOptional({ enum: NOMINATION_STAGES, description: 'Where it stands: proposal, appraisal, council or decision' })
  @IsOptional()
  @IsIn(NOMINATION_STAGES)
  stage?: NominationStage;

  @ApiPropertyOptional({ enum: NOMINATION_OUTCOMES, description: 'How it ended (PENDING while undecided)' })
  @IsOptional()
  @IsIn(NOMINATION_OUTCOMES)
  outcome?: NominationOutcome;

  @ApiPropertyOptional({
    enum: NOMINATION_SOURCES,
    description: 'BLOC (a conference proposed it) or DIRECT (an agency outside any bloc)',
  })
  @IsOptional()
  @IsIn(NOMINATION_SOURCES)
  source?: NominationSource;

  @ApiPropertyOptional({ pattern: '^[A-Za-z0-9_.:-]{1,200}$', description: "The province round's id" })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.:-]{1,200}$/)
  roundId?: string;
}

export class NominationReportQueryDto {
  @ApiProperty({ type: 'integer', minimum: 2000, maximum: 2100 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiPropertyOptional({ enum: REPORT_GROUPINGS, description: 'default bloc' })
  @IsOptional()
  @IsIn(REPORT_GROUPINGS)
  groupBy?: ReportGrouping;
}

export class NominationExportQueryDto {
  @ApiProperty({ type: 'integer', minimum: 2000, maximum: 2100 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
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

/** Waiting for the cycle to change instead of polling it (GET /v1/cycles/:cycleId). */
export class CycleWaitDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    description: 'The changeMark of the view the client has: with waitSeconds, answer once the cycle shows a newer one',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 25,
    description:
      'At most this many seconds to wait for a change after `after` (default 0: answer at once); the answer is the view as it then stands, changed or not',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(25)
  waitSeconds?: number;
}
