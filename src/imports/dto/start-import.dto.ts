import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Allow, ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IMPORT_FORMATS, type ImportFormatName } from '../import-formats.js';

const asList = ({ value }: { value: unknown }) => (value === undefined ? undefined : Array.isArray(value) ? value : [value]);
const asBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** The multipart form of POST /api/v1/imports: the file, its format and the options of `hindsight import`. */
export class StartImportDto {
  /** Documented here for the OpenAPI form; multer takes the file itself out of the body. */
  @ApiProperty({ type: 'string', format: 'binary', description: 'The file to import (multipart file field)' })
  @Allow()
  file?: unknown;

  @ApiProperty({ enum: IMPORT_FORMATS, description: 'Format of the file', example: 'statuspage' })
  @IsIn(IMPORT_FORMATS)
  format: ImportFormatName;

  @ApiPropertyOptional({ description: "Source name the incidents are keyed under (default: the format's own, e.g. `statuspage`)", example: 'statuspage' })
  @IsOptional() @IsString() @MaxLength(63)
  source?: string;

  @ApiPropertyOptional({ description: 'Read and check every record and report, but write no incidents', type: Boolean, default: false })
  @IsOptional() @Transform(asBoolean) @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({ description: 'csv: `target=column`, e.g. `started_at=start_timestamp` (repeat the field)', type: [String], example: ['started_at=start_timestamp'] })
  @IsOptional() @Transform(asList) @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(500, { each: true })
  map?: string[];

  @ApiPropertyOptional({ description: 'Value replacement `field:from=to`, e.g. `severity:3=SEV1` (repeat the field)', type: [String], example: ['severity:3=SEV1'] })
  @IsOptional() @Transform(asList) @IsArray() @ArrayMaxSize(1000) @IsString({ each: true }) @MaxLength(500, { each: true })
  value?: string[];

  @ApiPropertyOptional({ description: 'IANA zone of timestamps that carry no offset (otherwise they are refused)', example: 'Europe/Berlin' })
  @IsOptional() @IsString() @MaxLength(100)
  timezone?: string;

  @ApiPropertyOptional({ description: 'CSV delimiter', enum: [',', ';', 'auto'], default: 'auto' })
  @IsOptional() @IsIn([',', ';', 'auto'])
  delimiter?: ',' | ';' | 'auto';

  @ApiPropertyOptional({ description: 'CSV text encoding', enum: ['utf-8', 'windows-1252', 'latin1'], default: 'utf-8' })
  @IsOptional() @IsIn(['utf-8', 'windows-1252', 'latin1'])
  encoding?: 'utf-8' | 'windows-1252' | 'latin1';

  @ApiPropertyOptional({ description: 'incidentio: the JSON mapping of timestamp and severity names (see the README)', example: '{"timestamps":{"Impact started":"started_at"}}' })
  @IsOptional() @IsString() @MaxLength(100_000)
  config?: string;
}
