import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Injectable } from '@nestjs/common';
import type { AuditContext } from '../audit/audit-change.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { decodeCursor, encodeCursor, pageRequest, toPage } from '../common/cursor.js';
import { InvalidInputError, NotFoundError } from '../common/errors.js';
import { UUID_PATTERN } from '../common/uuid.js';
import { SOURCE_NAME, SOURCE_NAME_RULE } from '../common/validators.js';
import type { ImportDetailDto, ImportDto, ImportIssuePageDto, ImportPageDto, ListImportIssuesQuery, ListImportsQuery } from './dto/import.dto.js';
import type { StartImportDto } from './dto/start-import.dto.js';
import { checkCommonOptions, importFormat } from './import-formats.js';
import { toImportDto, toImportIssueDto } from './import.mapper.js';
import { HEARTBEAT_MS, ImportPipeline } from './import-pipeline.service.js';
import type { ImportProgress, ImportRequest, StartedImport } from './import-request.js';
import { ImportsRepository } from './imports.repository.js';
import { openImportFile } from './readers/import-file.js';

/** A running import whose process has not beaten for this long (four missed heartbeats) was interrupted. */
const STALE_AFTER_MS = 4 * HEARTBEAT_MS;

/** A file multer wrote to disk. */
export interface UploadedFile {
  path: string;
  originalname: string;
  size: number;
}

/**
 * Imports of incident history: starting one (a file read from the CLI or uploaded to the API: the format,
 * options and header checked before anything is recorded, then the run goes on in the background through
 * ImportPipeline), and the runs, their issues and their rejected records, read back. Keyed on (source,
 * external id): an unchanged record changes nothing, a changed one updates its incident.
 */
@Injectable()
export class ImportsService {
  constructor(
    private readonly imports: ImportsRepository,
    private readonly pipeline: ImportPipeline,
    private readonly clock: Clock,
  ) {}

  /**
   * Checks the format and options and reads the CSV header (a bad one is refused before anything is recorded),
   * records the run, and goes on reading in the background. `onProgress` is called after every batch.
   */
  async start(request: ImportRequest, onProgress?: (progress: ImportProgress) => void): Promise<StartedImport> {
    const format = importFormat(request.format);
    const options = request.options ?? {};
    checkCommonOptions(options);
    await this.markInterrupted();
    const source = request.source ?? format.defaultSource;
    if (!SOURCE_NAME.test(source)) throw new InvalidInputError('source', source, SOURCE_NAME_RULE);
    const file = await openImportFile(format, request.input, options);
    const mapper = format.prepare(options, file.header, file.envelope);
    const id = await this.imports.createRun({
      format: format.name, source, fileName: request.fileName, fileBytes: request.fileBytes, options: { ...options }, dryRun: request.dryRun ?? false,
      actor: request.actor, fileKind: file.kind, at: this.clock.now(),
    });
    if (file.headerLine !== null) await this.imports.setHeader(id, file.headerLine);
    return { id, done: this.pipeline.run({ id, request, source, sourceForced: request.source !== undefined, mapper, file, onProgress }) };
  }

  /** Marks imports whose process stopped mid-way as interrupted (at start-up); returns how many. */
  async markInterrupted(): Promise<number> {
    const now = this.clock.now();
    return this.imports.markInterrupted(new Date(now.getTime() - STALE_AFTER_MS), now);
  }

  async require(id: string) {
    const run = UUID_PATTERN.test(id) ? await this.imports.findRun(id) : null;
    if (!run) throw new NotFoundError('Import', id);
    return run;
  }

  /**
   * POST /imports: starts the import of an uploaded file and answers at once; the upload is removed when the
   * import ends (or at once when it cannot start).
   */
  async startUpload(dto: StartImportDto, file: UploadedFile | undefined, actor: Actor, context: AuditContext): Promise<ImportDto> {
    if (!file) throw new InvalidInputError('file', null, 'is required: send the file to import as the multipart field "file"');
    const remove = () => rm(file.path, { force: true });
    try {
      const started = await this.start({
        format: dto.format, input: () => createReadStream(file.path), fileName: file.originalname, fileBytes: file.size, source: dto.source,
        dryRun: dto.dryRun ?? false, actor, context,
        options: {
          timezone: dto.timezone, map: dto.map, value: dto.value, delimiter: dto.delimiter, encoding: dto.encoding,
          incidentioConfig: dto.config === undefined ? undefined : parseJsonOption('config', dto.config),
        },
      });
      void started.done.finally(remove);
      return toImportDto(await this.require(started.id));
    } catch (error) {
      await remove();
      throw error;
    }
  }

  async list(query: ListImportsQuery): Promise<ImportPageDto> {
    const { limit, after } = pageRequest(query, (cursor) => decodeCursor(cursor));
    const rows = await this.imports.listRuns(limit + 1, after ? { startedAt: new Date(after.at), id: after.id } : undefined);
    return toPage(rows, limit, toImportDto, (last) => encodeCursor({ at: last.started_at.toISOString(), id: last.id }));
  }

  async get(id: string): Promise<ImportDetailDto> {
    const run = await this.require(id);
    return { ...toImportDto(run), issues: await this.issues(id, {}) };
  }

  async issues(id: string, query: ListImportIssuesQuery): Promise<ImportIssuePageDto> {
    const { limit, after } = pageRequest(query, decodeRecordCursor);
    await this.require(id);
    const rows = await this.imports.listIssues(id, query.kind, limit + 1, after ?? 0);
    return { ...toPage(rows, limit, toImportIssueDto, (last) => Buffer.from(String(last.record)).toString('base64url')), total: rows[0]?.total ?? 0 };
  }

  async rejectedDownload(id: string): Promise<{ fileName: string; type: string; content: AsyncIterable<string> }> {
    const run = await this.require(id);
    const base = run.file_name.replace(/\.[^.]*$/, '') || 'import';
    return {
      fileName: `${base}.rejected.${run.file_kind}`,
      type: run.file_kind === 'csv' ? 'text/csv; charset=utf-8' : 'application/json',
      content: this.rejectedFile(id),
    };
  }

  /**
   * The rejected records as a file in the original format, to fix and import again: the CSV header and the
   * rejected rows exactly as they were, or a JSON array of the rejected records. Streamed page by page.
   */
  async *rejectedFile(id: string): AsyncGenerator<string> {
    const run = await this.require(id);
    if (run.file_kind === 'csv') {
      yield `${run.header ?? ''}\n`;
      for await (const raw of this.imports.rejectedRaw(id)) yield `${raw}\n`;
      return;
    }
    let first = true;
    yield '[';
    for await (const raw of this.imports.rejectedRaw(id)) {
      yield `${first ? '\n' : ',\n'}${raw}`;
      first = false;
    }
    yield first ? ']\n' : '\n]\n';
  }
}

function parseJsonOption(field: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(field, text.length > 100 ? `${text.slice(0, 100)}…` : text, `is not JSON: ${(error as Error).message}`);
  }
}

function decodeRecordCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[1-9]\d{0,9}$/.test(text)) throw new InvalidInputError('cursor', cursor, 'is not a cursor returned by this API (use nextCursor from the previous page)');
  return Number(text);
}

