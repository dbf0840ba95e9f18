import type { CreateRetroTemplateDto, RetroQuestionInputDto } from '../../src/retros/dto/retro-template.dto.js';

let counter = 0;

/** A valid template body: a fresh name unless one is given. */
export function templateBody(overrides: Partial<CreateRetroTemplateDto> = {}): CreateRetroTemplateDto {
  counter += 1;
  const questions: RetroQuestionInputDto[] = [
    { key: 'what_happened', prompt: 'What happened?' },
    { key: 'went_well', prompt: 'What went well?', help: 'Tools, people and habits that helped.' },
  ];
  return { name: `Short retro #${counter}`, questions, ...overrides };
}
