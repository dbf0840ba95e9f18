import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, ValidateIf } from 'class-validator';
import { ServiceFieldsDto } from './service-fields.js';

/**
 * The inherited validators still apply. `ValidateIf(() => true)` replaces the inherited "validate only when
 * sent" condition (class-validator keeps one condition per property, preferring the subclass's), and
 * IsDefined then makes the name required.
 * `required: true` is explicit because ApiProperty otherwise keeps the inherited `required: false`.
 */
export class CreateServiceDto extends ServiceFieldsDto {
  @ApiProperty({ required: true, description: 'Unique name; incidents list the services they affected by it', example: 'payments-api', maxLength: 100 })
  @ValidateIf(() => true) @IsDefined()
  declare name: string;
}
