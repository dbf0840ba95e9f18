import { Injectable } from '@nestjs/common';
import type { AuditContext } from '../audit/audit-change.js';
import { AuditTrail } from '../audit/audit-trail.service.js';
import { retroTemplateChange } from './retro.mapper.js';
import { hasChanges } from '../audit/diff.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { InvalidInputError, NotFoundError } from '../common/errors.js';
import type { CreateRetroTemplateDto, RetroTemplateDto } from './dto/retro-template.dto.js';
import type { RetroQuestion } from './retro-template.entity.js';
import { toRetroTemplateDto } from './retro.mapper.js';
import { RetroTemplatesRepository } from './retro-templates.repository.js';
import { Transactions } from '../database/transactions.js';

@Injectable()
export class RetroTemplatesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly templates: RetroTemplatesRepository,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

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
  async create(dto: CreateRetroTemplateDto, actor: Actor, context: AuditContext = {}): Promise<RetroTemplateDto> {
    const questions = uniqueQuestions(dto.questions);
    return this.transactions.run(async () => {
      const latest = await this.templates.lockLatestVersion(dto.name);
      const id = await this.templates.insert({ name: dto.name, version: (latest ?? 0) + 1, questions });
      const currentDefault = await this.templates.findDefault();
      if (currentDefault?.name === dto.name) await this.templates.setDefault(id);
      const created = toRetroTemplateDto((await this.templates.find(id))!);
      await this.audit.record(actor, retroTemplateChange('retro_template.create', null, created), this.clock.now(), context);
      return created;
    });
  }

  /**
   * Makes this version the one default; the previous default stops being one in the same transaction.
   * Recorded on the new default only, and only when it was not the default already.
   */
  async makeDefault(id: string, actor: Actor, context: AuditContext = {}): Promise<RetroTemplateDto> {
    return this.transactions.run(async () => {
      const current = await this.templates.find(id);
      if (!current) throw new NotFoundError('Retro template', id);
      await this.templates.setDefault(id);
      const before = toRetroTemplateDto(current);
      const after = toRetroTemplateDto((await this.templates.find(id))!);
      if (hasChanges(before, after)) await this.audit.record(actor, retroTemplateChange('retro_template.set_default', before, after), this.clock.now(), context);
      return after;
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
