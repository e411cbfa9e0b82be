import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

/** The body of a step that carries, in a RECORD cycle, the day it happened on paper. */
export class DatedStepDto {
  @ApiPropertyOptional({
    example: '2020-01-15',
    format: 'date',
    pattern: '^\\d{4}-\\d{2}-\\d{2}$',
    description:
      'RECORD cycles (a past year entered afterwards): the day the step happened on paper, required there; not in the ' +
      'future, within the cycle’s year and the next, and not before the steps it depends on (422 DATE_OUT_OF_ORDER ' +
      'naming both dates). A LIVE cycle refuses it (422 VALIDATION_FAILED): its steps happen when they are sent.',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  occurredOn?: string;
}
