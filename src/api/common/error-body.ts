import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ErrorCode } from '../../shared/errors';
import { WinnerView } from '../approvals/approvals.views';

/** Every refusal has this shape: a stable English code, a Vietnamese message for people, a detail in English. */
export class ErrorBody {
  @ApiProperty({ enum: Object.values(ErrorCode), enumName: 'ErrorCode', example: 'WRONG_PHASE' })
  code: string;

  @ApiProperty({ example: 'Thao tác không phù hợp với giai đoạn hiện tại của chu kỳ thi đua.' })
  message: string;

  @ApiPropertyOptional({ example: 'the cycle is in PLEDGE, not LAUNCH' })
  detail?: string;

  @ApiProperty({ type: 'integer', example: 409, description: 'The HTTP status, repeated' })
  status: number;

  @ApiPropertyOptional({
    description: 'ORGANISATION_INVALID: each bad field, with an English message and a Vietnamese one (messageVi)',
    type: 'array',
    items: {
      type: 'object',
      properties: { field: { type: 'string' }, message: { type: 'string' }, messageVi: { type: 'string' } },
      required: ['field', 'message', 'messageVi'],
    },
  })
  problems?: { field: string; message: string; messageVi: string }[];

  @ApiPropertyOptional({ type: WinnerView, description: 'TASK_ALREADY_DECIDED: who decided first, how and when' })
  winner?: unknown;

  @ApiPropertyOptional({
    description: 'REQUEST_IN_PROGRESS (202): the request id to re-send as x-request-id to get the result',
    example: '2f0c9a4e-2d5b-4a51-9f3e-0f4b7a1c2d3e',
  })
  requestId?: string;

  @ApiPropertyOptional({
    description: 'With 429, 503 and 202: seconds to wait before trying again (also the Retry-After header)',
  })
  retryAfterSeconds?: number;
}
