import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min, registerDecorator, type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';
import { IsInstant } from '../../common/validation.decorators.js';
import { RETRO_STATUSES, type RetroStatus } from '../retrospective.entity.js';

const TS = { type: String, format: 'date-time', nullable: true } as const;
const MAX_ANSWER = 50_000;
const MAX_ANSWERS = 100;

/** Problem with an answers map, naming the offending key; null when it is fine. */
function answersProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object mapping question keys to answers';
  const entries = Object.entries(value);
  if (entries.length > MAX_ANSWERS) return `must have at most ${MAX_ANSWERS} answers`;
  for (const [key, answer] of entries) {
    if (answer !== null && typeof answer !== 'string') return `answer to "${key}" must be text or null (to remove it), not ${JSON.stringify(answer)}`;
    if (typeof answer === 'string' && answer.length > MAX_ANSWER) return `answer to "${key}" is longer than ${MAX_ANSWER} characters`;
  }
  return null;
}

/** `{ questionKey: text | null }`; which keys exist is the template's business (checked by the service, 422). */
function IsAnswerMap(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isAnswerMap',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => answersProblem(value) === null,
        defaultMessage: (args?: ValidationArguments) => answersProblem(args?.value) ?? 'is not a valid answers map',
      },
    });
}

const uniqueTrimmed = ({ value }: { value: unknown }) =>
  Array.isArray(value) && value.every((v) => typeof v === 'string') ? [...new Set((value).map((v) => v.trim()).filter(Boolean))] : value;

export class CreateRetrospectiveDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Template version to answer; the default template when left out', example: '6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f' })
  @IsOptional() @IsUUID()
  templateId?: string;

  @ApiPropertyOptional({ description: 'Who runs the meeting', example: 'Sam Lee', nullable: true, type: String, maxLength: 200 })
  @IsOptional() @IsString() @MaxLength(200)
  facilitator?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'Everyone invited, engineers or not (seed 001: invite all responders); duplicates removed', example: ['Dana Smith', 'Sam Lee'] })
  @IsOptional() @Transform(uniqueTrimmed) @IsArray() @ArrayMaxSize(200) @IsString({ each: true }) @MaxLength(200, { each: true })
  attendees?: string[];

  @ApiPropertyOptional({ ...TS, description: 'When the meeting is planned, with an offset', example: '2026-03-03T14:00:00Z' })
  @IsOptional() @IsInstant()
  scheduledAt?: string | null;
}

export class UpdateRetrospectiveDto {
  @ApiProperty({ description: 'The version you read; a stale version is refused with 409 and the current version', example: 1 })
  @IsInt() @Min(1)
  version: number;

  @ApiPropertyOptional({ description: 'Who runs the meeting; null clears it', example: 'Sam Lee', nullable: true, type: String, maxLength: 200 })
  @IsOptional() @IsString() @MaxLength(200)
  facilitator?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'Replaces the attendee list; duplicates removed', example: ['Dana Smith', 'Sam Lee'] })
  @IsOptional() @Transform(uniqueTrimmed) @IsArray() @ArrayMaxSize(200) @IsString({ each: true }) @MaxLength(200, { each: true })
  attendees?: string[];

  @ApiPropertyOptional({ ...TS, description: 'When the meeting is planned; null clears it', example: '2026-03-03T14:00:00Z' })
  @IsOptional() @IsInstant()
  scheduledAt?: string | null;

  @ApiPropertyOptional({ ...TS, description: 'When the meeting took place; required before submitting', example: '2026-03-03T14:00:00Z' })
  @IsOptional() @IsInstant()
  heldAt?: string | null;

  @ApiPropertyOptional({
    type: 'object', additionalProperties: { type: 'string', nullable: true },
    description: 'Answers by question key, merged into the stored ones; null removes an answer. An unknown key is refused (422).',
    example: { went_well: 'The rollback took four minutes.', got_lucky: null },
  })
  @IsOptional() @IsAnswerMap()
  answers?: Record<string, string | null>;

  @ApiPropertyOptional({ enum: ['draft'], description: 'Send `draft` to reopen a submitted retrospective (clears submittedAt)', example: 'draft' })
  @IsOptional() @IsIn(['draft'], { message: 'can only be draft here (to reopen); submit with POST …/retrospective/submit' })
  status?: 'draft';
}

export class SubmitRetrospectiveDto {
  @ApiProperty({ description: 'The version you read; a stale version is refused with 409 and the current version', example: 3 })
  @IsInt() @Min(1)
  version: number;
}

export class BlameCheckDto {
  @ApiProperty({ description: 'Text to check, e.g. an answer being typed', example: 'Dana forgot to renew the certificate; human error.', maxLength: MAX_ANSWER })
  @IsString() @MaxLength(MAX_ANSWER)
  text: string;

  @ApiPropertyOptional({ type: [String], description: 'Names to watch for as causes (responders, attendees)', example: ['Dana Smith'] })
  @IsOptional() @IsArray() @ArrayMaxSize(200) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(200, { each: true })
  people?: string[];
}

export class BlameHintDto {
  @ApiProperty({ description: 'The phrase as written', example: 'human error' }) phrase: string;
  @ApiProperty({ description: 'Offset of the phrase in the text (UTF-16 code units)', example: 38 }) index: number;
  @ApiProperty({ description: 'Why it reads as blame and a systems-focused rephrasing', example: '"Human error" ends the inquiry where it should start. …' }) message: string;
}

export class BlameCheckResultDto {
  @ApiProperty({ type: [BlameHintDto], description: 'Hints only: nothing is refused' }) hints: BlameHintDto[];
}

export class RetroBlameHintDto extends BlameHintDto {
  @ApiProperty({ description: 'Question whose answer holds the phrase', example: 'could_be_improved' }) questionKey: string;
}

export class RetroTemplateRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Blameless retrospective' }) name: string;
  @ApiProperty({ example: 1 }) version: number;
}

export class RetroQuestionAnswerDto {
  @ApiProperty({ example: 'went_well' }) key: string;
  @ApiProperty({ example: 'What went well?' }) prompt: string;
  @ApiProperty({ nullable: true, type: String }) help: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Null until answered', example: 'The rollback took four minutes.' }) answer: string | null;
}

export class RetrospectiveDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty({ example: 'INC-2026-0001' }) incidentKey: string;
  @ApiProperty({ type: RetroTemplateRefDto, description: 'The template version it is answered against' }) template: RetroTemplateRefDto;
  @ApiProperty({ type: [RetroQuestionAnswerDto], description: 'The template\'s questions in order, each with its answer' }) questions: RetroQuestionAnswerDto[];
  @ApiProperty({ nullable: true, type: String, example: 'Sam Lee' }) facilitator: string | null;
  @ApiProperty({ type: [String], example: ['Dana Smith', 'Sam Lee'] }) attendees: string[];
  @ApiProperty(TS) scheduledAt: string | null;
  @ApiProperty(TS) heldAt: string | null;
  @ApiProperty({ enum: RETRO_STATUSES, example: 'draft' }) status: RetroStatus;
  @ApiProperty(TS) submittedAt: string | null;
  @ApiProperty({ description: 'Send it back on update (optimistic locking)', example: 1 }) version: number;
  @ApiProperty({ type: [RetroBlameHintDto], description: 'Blame-shaped phrases in the answers: hints for the facilitator, never a block' }) blameHints: RetroBlameHintDto[];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
}
