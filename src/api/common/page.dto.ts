import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The largest page any list route answers; a larger `limit` is refused (400 VALIDATION_FAILED). */
export const PAGE_MAX = 500;

/**
 * `limit` and `offset` of a list route. The default page is the maximum, so that lists shorter than that read as
 * before; a page shorter than `limit` is the last one.
 */
export class PageQueryDto {
  @ApiPropertyOptional({
    description: `How many items at most (1-${PAGE_MAX}; default ${PAGE_MAX})`,
    minimum: 1,
    maximum: PAGE_MAX,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PAGE_MAX)
  limit?: number;

  @ApiPropertyOptional({ description: 'How many items to skip (default 0)', minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}

export interface Page {
  limit: number;
  offset: number;
}

export function pageOf(query: PageQueryDto | undefined, defaultLimit = PAGE_MAX): Page {
  return { limit: query?.limit ?? defaultLimit, offset: query?.offset ?? 0 };
}
