import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { CYCLE_MODES, type CycleMode } from '../../../shared/cycle-types';

export class StartCycleDto {
  @ApiProperty({ example: 'BK' })
  @Matches(/^[A-Za-z0-9_-]{1,32}$/)
  provinceCode: string;

  @ApiProperty({ example: 'MTTQ-DT' })
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  blocCode: string;

  @ApiProperty({ example: 2020 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiPropertyOptional({
    enum: CYCLE_MODES,
    default: 'LIVE',
    description:
      'LIVE: a year run as it happens (deadlines lie ahead; timers close the pledge and self-assessment phases). ' +
      'RECORD: a past year entered afterwards from its papers: no timer closes or flags anything, every step carries ' +
      'the day it happened (occurredOn), and a year not yet begun is refused. LIVE when absent: a LIVE launch refuses ' +
      'a deadline already past (DEADLINE_IN_PAST), so a past year sent without a mode cannot close its phases silently.',
  })
  @IsOptional()
  @IsIn(CYCLE_MODES)
  mode?: CycleMode;
}
