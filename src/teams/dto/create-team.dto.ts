import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, ValidateIf } from 'class-validator';
import { TeamFieldsDto } from './team-fields.js';

/**
 * The inherited validators still apply. `ValidateIf(() => true)` replaces the inherited "validate only when
 * sent" condition (class-validator keeps one condition per property, preferring the subclass's), and
 * IsDefined then makes the name required.
 * `required: true` is explicit because ApiProperty otherwise keeps the inherited `required: false`.
 */
export class CreateTeamDto extends TeamFieldsDto {
  @ApiProperty({ required: true, description: 'Unique name; incidents, services and action items refer to the team by it', example: 'Payments', maxLength: 100 })
  @ValidateIf(() => true) @IsDefined()
  declare name: string;
}
