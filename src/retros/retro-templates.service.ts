import { Injectable } from '@nestjs/common';
import { InvalidInputError, NotFoundError } from '../common/errors.js';
import type { CreateRetroTemplateDto, RetroTemplateDto } from './dto/retro-template.dto.js';
import type { RetroQuestion } from './retro-template.entity.js';
import { toRetroTemplateDto } from './retro.mapper.js';
import { RetroTemplatesRepository } from './retro-templates.repository.js';

@Injectable()
export class RetroTemplatesService {
  constructor(private readonly templates: RetroTemplatesRepository) {}

  async list(allVersions = false): Promise<RetroTemplateDto[]> {
    return (await this.templates.list(allVersions)).map(toRetroTemplateDto);
  }

  async get(id: string): Promise<RetroTemplateDto> {
    const row = await this.templates.find(id);
    if (!row) throw new NotFoundError('Retro template', id);
    return toRetroTemplateDto(row);
  }

  /**
   * Writes version 1 of a new name or the next version of an existing one. When the default is a
   * version of the same name, the new version becomes the default: editing the default template
   * means new retrospectives should use the edit. Retrospectives keep the version they started with.
   */
  async create(dto: CreateRetroTemplateDto): Promise<RetroTemplateDto> {
    const questions = uniqueQuestions(dto.questions);
    return this.templates.transaction(async (manager) => {
      const latest = await this.templates.lockLatestVersion(manager, dto.name);
      const id = await this.templates.insert(manager, { name: dto.name, version: (latest ?? 0) + 1, questions });
      const currentDefault = await this.templates.findDefault(manager);
      if (currentDefault?.name === dto.name) await this.templates.setDefault(manager, id);
      return toRetroTemplateDto((await this.templates.find(id, manager))!);
    });
  }

  /** Makes this version the one default; the previous default stops being one in the same transaction. */
  async makeDefault(id: string): Promise<RetroTemplateDto> {
    return this.templates.transaction(async (manager) => {
      if (!(await this.templates.find(id, manager))) throw new NotFoundError('Retro template', id);
      await this.templates.setDefault(manager, id);
      return toRetroTemplateDto((await this.templates.find(id, manager))!);
    });
  }
}

/** The questions as stored (no empty `help`), refusing a key used twice with the field and the key. */
function uniqueQuestions(questions: CreateRetroTemplateDto['questions']): RetroQuestion[] {
  const firstIndex = new Map<string, number>();
  questions.forEach((question, index) => {
    const first = firstIndex.get(question.key);
    if (first !== undefined) {
      throw new InvalidInputError(`questions.${index}.key`, question.key, `is already the key of questions.${first}; keys must be unique within a template`);
    }
    firstIndex.set(question.key, index);
  });
  return questions.map((q) => (q.help?.trim() ? { key: q.key, prompt: q.prompt, help: q.help } : { key: q.key, prompt: q.prompt }));
}
