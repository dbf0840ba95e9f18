import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

export const QUESTION_KEY = /^[a-z][a-z0-9_]{0,62}$/;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RetroQuestionInputDto {
  @ApiProperty({ description: 'Stable identifier answers refer to: a lowercase letter, then lowercase letters, digits or "_" (at most 63)', example: 'went_well' })
  @IsString() @Matches(QUESTION_KEY, { message: 'must start with a lowercase letter and use only lowercase letters, digits and "_" (at most 63 characters), e.g. went_well' })
  key: string;

  @ApiProperty({ description: 'The question as the form shows it', example: 'What went well?', maxLength: 500 })
  @IsString() @IsNotEmpty() @MaxLength(500)
  prompt: string;

  @ApiPropertyOptional({ description: 'Guidance shown under the question', example: 'Tools, people and habits that helped.', maxLength: 2000 })
  @IsOptional() @IsString() @MaxLength(2000)
  help?: string;
}

export class CreateRetroTemplateDto {
  @ApiProperty({
    description: 'Template name. A new name starts at version 1; an existing name gets its next version (templates never change once written).',
    example: 'Blameless retrospective', maxLength: 200,
  })
  @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(200)
  name: string;

  @ApiProperty({ type: [RetroQuestionInputDto], description: '1 to 50 questions in the order the form shows them; keys unique within the template' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => RetroQuestionInputDto)
  questions: RetroQuestionInputDto[];
}

/** `true` / `false` from the query string; anything else is left for IsBoolean to refuse with its value. */
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListRetroTemplatesQuery {
  @ApiPropertyOptional({ description: 'List every version, not only the latest of each name (and the default)', type: Boolean, example: true })
  @IsOptional() @Transform(toBoolean) @IsBoolean()
  allVersions?: boolean;
}

export class RetroQuestionDto {
  @ApiProperty({ example: 'went_well' }) key: string;
  @ApiProperty({ example: 'What went well?' }) prompt: string;
  @ApiProperty({ nullable: true, type: String, description: 'Guidance shown under the question' }) help: string | null;
}

export class RetroTemplateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Blameless retrospective' }) name: string;
  @ApiProperty({ example: 1, description: 'Starts at 1 per name; each change is the next version' }) version: number;
  @ApiProperty({ description: 'The template new retrospectives use when none is named (one at a time)', example: true }) isDefault: boolean;
  @ApiProperty({ type: [RetroQuestionDto] }) questions: RetroQuestionDto[];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
}
