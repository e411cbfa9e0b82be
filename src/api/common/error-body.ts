import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Every refusal has this shape: a stable English code, a Vietnamese message for people, a detail in English. */
export class ErrorBody {
  @ApiProperty({ example: 'WRONG_PHASE' })
  code: string;

  @ApiProperty({ example: 'Thao tác không phù hợp với giai đoạn hiện tại của chu kỳ thi đua.' })
  message: string;

  @ApiPropertyOptional({ example: 'the cycle is in PLEDGE, not LAUNCH' })
  detail?: string;

  @ApiProperty({ example: 409 })
  status: number;

  @ApiPropertyOptional({ description: 'TASK_ALREADY_DECIDED: who decided first, how and when' })
  winner?: unknown;
}
