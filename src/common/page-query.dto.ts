import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DEFAULT_PAGE_SIZE } from './cursor.js';

export interface PageQueryOptions {
  /** Page size when the request does not say (DEFAULT_PAGE_SIZE unless given). */
  defaultLimit?: number;
  /** Largest page a request may ask for (500 unless given). */
  maxLimit?: number;
}

/** The paging fields of a list query (`limit`, `cursor`), for a query DTO to extend. */
export function PageQueryDto({ defaultLimit = DEFAULT_PAGE_SIZE, maxLimit = 500 }: PageQueryOptions = {}) {
  class PageQuery {
    @ApiPropertyOptional({ description: 'Page size', default: defaultLimit, minimum: 1, maximum: maxLimit, example: defaultLimit })
    @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(maxLimit)
    limit?: number;

    @ApiPropertyOptional({ description: "Opaque cursor from the previous page's `nextCursor`" })
    @IsOptional() @IsString() @MaxLength(200)
    cursor?: string;
  }
  return PageQuery;
}
