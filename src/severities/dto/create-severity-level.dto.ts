import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, ValidateIf } from 'class-validator';
import { SEVERITY_KEY, SeverityLevelFieldsDto } from './severity-level-fields.js';

/**
 * The inherited validators still apply. `ValidateIf(() => true)` replaces the inherited "validate only when
 * sent" condition (class-validator keeps one condition per property, preferring the subclass's), and
 * IsDefined then makes these fields required.
 * `required: true` is explicit because ApiProperty otherwise keeps the inherited `required: false`.
 */
export class CreateSeverityLevelDto extends SeverityLevelFieldsDto {
  @ApiProperty({ required: true, description: 'Short key used everywhere else (incidents, imports, filters); unique', example: 'SEV4', pattern: SEVERITY_KEY.source })
  @ValidateIf(() => true) @IsDefined()
  declare key: string;

  @ApiProperty({ required: true, description: 'Human name', example: 'Low-impact incident', maxLength: 100 })
  @ValidateIf(() => true) @IsDefined()
  declare name: string;

  @ApiProperty({ required: true, description: '1 is the most severe; unique across levels', example: 4, minimum: 1 })
  @ValidateIf(() => true) @IsDefined()
  declare rank: number;
}
