import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditRepository, type AuditChange, type AuditContext } from '../audit/audit.repository.js';
import { incidentChange } from '../audit/changes.js';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../common/clock.js';
import { decodeCursor, encodeCursor, pageRequest, toPage } from '../common/cursor.js';
import { InvalidInputError, NotFoundError } from '../common/errors.js';
import { UUID_PATTERN } from '../common/uuid.js';
import { SOURCE_NAME, SOURCE_NAME_RULE } from '../common/validators.js';
import { toIncidentDto } from '../incidents/incident.mapper.js';
import { IncidentsRepository } from '../incidents/incidents.repository.js';
import { findOrderViolation, MILESTONES, milestoneColumn, type Milestones } from '../incidents/milestones.js';
import { describeValue, FieldError, type MappedIncident } from './formats/mapped-incident.js';
import { checkCommonOptions, importFormat, type ImportFormat, type ImportOptionsInput } from './import-formats.js';
import type { ImportDetailDto, ImportDto, ImportIssuePageDto, ImportPageDto, ListImportIssuesQuery, ListImportsQuery } from './dto/import.dto.js';
import type { StartImportDto } from './dto/start-import.dto.js';
import { toImportDto, toImportIssueDto } from './import.mapper.js';
import { validateMappedIncident } from './import-validation.js';
import { ImportsRepository, type ImportCounts, type ImportIssueRow, type PreparedIncident, type SeverityRef } from './imports.repository.js';
import { readCsv } from './readers/csv-records.js';
import { SeenKeys } from './seen-keys.js';
import { readJson } from './readers/json-records.js';
import type { ReadResult } from './readers/source-record.js';

/** Records written per transaction: a crash loses at most the batch in flight, never part of an incident. */
export const IMPORT_BATCH_SIZE = 1000;
/**
 * A batch is also written once its records' source text reaches this many characters (records of megabytes, e.g.
 * a 10 MB cell kept in source_payload or in a rejected record's text): memory stays bounded by bytes, not only by records.
 */
export const IMPORT_BATCH_CHARS = 16 * 1024 * 1024;
/** Records mapped between two turns of the event loop while a batch is being written. */
const YIELD_EVERY = 50;
/** A running import whose process has not beaten for this long was interrupted. */
const STALE_AFTER_MS = 2 * 60_000;
const HEARTBEAT_MS = 30_000;

export interface ImportRequest {
  format: string;
  /** The file's bytes; read once, front to back. */
  input: Readable;
  fileName: string;
  fileBytes: number | null;
  /** Overrides the format's default source name and the records' own. */
  source?: string;
  dryRun?: boolean;
  options?: ImportOptionsInput;
  actor: Actor;
  context?: AuditContext;
}

export interface ImportProgress extends ImportCounts {
  bytesRead: number;
  totalBytes: number | null;
}

export interface ImportSummary extends ImportCounts {
  id: string;
  status: 'completed' | 'failed';
  format: string;
  source: string;
  dryRun: boolean;
  servicesCreated: string[];
  teamsCreated: string[];
  elapsedMs: number;
  error: string | null;
}

/** A started import: its id at once, its summary when the file has been read to the end. */
export interface StartedImport {
  id: string;
  done: Promise<ImportSummary>;
}

/** A file multer wrote to disk. */
export interface UploadedFile {
  path: string;
  originalname: string;
  size: number;
}

const zeroCounts = (): ImportCounts => ({ recordsRead: 0, created: 0, updated: 0, unchanged: 0, rejected: 0, flagged: 0 });

/**
 * The import pipeline: reads a file record by record (memory flat), maps each record with its format's
 * mapper, validates it with the API's rules, and writes batches of IMPORT_BATCH_SIZE records (fewer when they
 * hold IMPORT_BATCH_CHARS of text), each in one
 * transaction with its counts and issues. Keyed on (source, external id): an unchanged record changes nothing,
 * a changed one updates its incident. Unreadable records are rejected with their record/line number, field
 * and value and their original text kept; records with milestones out of order are imported and flagged.
 */
@Injectable()
export class ImportsService {
  private readonly logger = new Logger(ImportsService.name);

  constructor(
    private readonly imports: ImportsRepository,
    private readonly incidents: IncidentsRepository,
    private readonly audit: AuditRepository,
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
    // Counts the bytes as the reader pulls them (for progress), with the reader's backpressure intact.
    let bytesRead = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytesRead += chunk.length;
        done(null, chunk);
      },
    });
    request.input.on('error', (error) => counted.destroy(error));
    request.input.pipe(counted);

    const opened = await this.open(format, counted, options);
    const mapper = format.prepare(options, opened.header);
    const id = await this.imports.createRun({
      format: format.name, source, fileName: request.fileName, fileBytes: request.fileBytes, options: { ...options }, dryRun: request.dryRun ?? false,
      actor: request.actor, fileKind: opened.kind, at: this.clock.now(),
    });
    if (opened.headerLine !== null) await this.imports.setHeader(id, opened.headerLine);
    const run = new ImportRun(id, request, source, request.source !== undefined, mapper, this.imports, this.incidents, this.audit, this.clock, () => bytesRead, onProgress);
    const done = run.execute(opened.records).catch(async (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`Import ${id} failed: ${message}`, error instanceof Error ? error.stack : undefined);
      await this.imports.finishRun(id, 'failed', this.clock.now(), message).catch(() => undefined);
      return run.summary('failed', message);
    });
    return { id, done };
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
        format: dto.format, input: createReadStream(file.path), fileName: file.originalname, fileBytes: file.size, source: dto.source,
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

  private async open(format: ImportFormat, input: Readable, options: ImportOptionsInput): Promise<{
    kind: 'csv' | 'json'; header: string[] | null; headerLine: string | null; records: AsyncIterable<ReadResult<unknown>>;
  }> {
    let kind: 'csv' | 'json';
    if (format.fileKind === 'sniff') ({ kind, stream: input } = await sniffKind(input));
    else kind = format.fileKind;
    if (kind === 'json') return { kind, header: null, headerLine: null, records: readJson(input, { recordsKey: format.recordsKey }) };
    let csv: Awaited<ReturnType<typeof readCsv>>;
    try {
      csv = await readCsv(input, { delimiter: options.delimiter ?? 'auto', encoding: options.encoding ?? 'utf-8' });
    } catch (error) {
      throw new InvalidInputError('file', '(header)', (error as Error).message);
    }
    return { kind, header: csv.header, headerLine: csv.header.map((h) => csvCell(h, csv.delimiter)).join(csv.delimiter), records: csv.records };
  }
}

/** One run: the record loop, the pending batch, and the counts. */
class ImportRun {
  private readonly logger = new Logger(ImportsService.name);
  private readonly counts = zeroCounts();
  private pendingCounts = zeroCounts();
  private pending: PreparedIncident[] = [];
  private pendingIssues: ImportIssueRow[] = [];
  /** Characters of source text (payloads, rejected records' text) in the pending batch. */
  private pendingChars = 0;
  /** (source, external id) → record number of its first occurrence in this file. */
  private readonly seen = new SeenKeys();
  /** The batch being written while the next one is read and mapped; at most one at a time. */
  private writing: Promise<void> | null = null;
  private severities = new Map<string, SeverityRef>();
  private readonly serviceIds = new Map<string, string>();
  private readonly teamIds = new Map<string, string>();
  private readonly servicesCreated: string[] = [];
  private readonly teamsCreated: string[] = [];
  private readonly startedAt = Date.now();
  private readonly dryRun: boolean;

  constructor(
    private readonly id: string,
    private readonly request: ImportRequest,
    private readonly source: string,
    private readonly sourceForced: boolean,
    private readonly mapper: (record: unknown) => MappedIncident,
    private readonly imports: ImportsRepository,
    private readonly incidents: IncidentsRepository,
    private readonly audit: AuditRepository,
    private readonly clock: Clock,
    private readonly bytesRead: () => number,
    private readonly onProgress?: (progress: ImportProgress) => void,
  ) {
    this.dryRun = request.dryRun ?? false;
  }

  async execute(records: AsyncIterable<ReadResult<unknown>>): Promise<ImportSummary> {
    const heartbeat = setInterval(() => void this.imports.heartbeat(this.id, this.clock.now()).catch(() => undefined), HEARTBEAT_MS);
    heartbeat.unref();
    try {
      await this.recordRunEvent(this.runChange('import.start'));
      this.severities = new Map((await this.imports.severityLevels()).map((s) => [s.key.toLowerCase(), s]));
      for await (const result of records) {
        this.pendingCounts.recordsRead++;
        this.accept(result);
        if (this.pending.length >= IMPORT_BATCH_SIZE || this.pendingIssues.length >= IMPORT_BATCH_SIZE || this.pendingChars >= IMPORT_BATCH_CHARS) {
          await this.startFlush();
        }
        // Records buffered by the reader arrive as microtasks, which never let socket events through: without a
        // turn of the event loop now and then, the batch being written would wait for each of its statements'
        // replies until the reader's buffer is empty.
        else if (this.pendingCounts.recordsRead % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      }
      await this.startFlush();
      await this.writing;
    } finally {
      clearInterval(heartbeat);
      // A failed read must not leave a write running (or its failure unobserved) behind the error it reports.
      await this.writing?.catch(() => undefined);
    }
    await this.imports.finishRun(this.id, 'completed', this.clock.now());
    const summary = this.summary('completed', null);
    await this.recordRunEvent(this.runChange('import.finish', summary));
    return summary;
  }

  summary(status: 'completed' | 'failed', error: string | null): ImportSummary {
    return {
      id: this.id, status, format: this.request.format, source: this.source, dryRun: this.dryRun, ...this.counts,
      servicesCreated: [...this.servicesCreated], teamsCreated: [...this.teamsCreated], elapsedMs: Date.now() - this.startedAt, error,
    };
  }

  private recordRunEvent(change: AuditChange): Promise<void> {
    return this.imports.transaction((manager) => this.audit.record(manager, this.request.actor, change, this.clock.now(), this.request.context));
  }

  private runChange(action: string, after?: unknown): AuditChange {
    const { format, fileName, fileBytes, options, dryRun } = this.request;
    return { action, entityType: 'import', entityId: this.id, entityLabel: fileName, after: after ?? { format, source: this.source, fileName, fileBytes, dryRun: dryRun ?? false, options } };
  }

  /** Maps and checks one record; a good one joins the pending batch, a bad one becomes a rejection. */
  private accept(result: ReadResult<unknown>): void {
    const where = { record: result.record, line: result.line ?? null };
    if (!result.ok) return this.reject(where, null, null, null, result.problem, result.raw);
    if (hasNul(result.raw)) {
      return this.reject(where, null, null, null, `record ${result.record} contains a NUL character (U+0000), which PostgreSQL cannot store; remove it (shown as \uFFFD in the rejected-records file)`, result.raw);
    }
    let mapped: MappedIncident;
    try {
      mapped = this.mapper(result.value);
    } catch (error) {
      if (error instanceof FieldError) return this.reject(where, null, error.field, error.value, error.message, result.raw);
      // A mapper bug must not stop the import or lose the record: it is rejected, kept, and logged.
      this.logger.warn(`Record ${result.record} of import ${this.id} could not be mapped: ${(error as Error).stack ?? String(error)}`);
      return this.reject(where, null, null, null, `record ${result.record} could not be read: ${(error as Error).message}`, result.raw);
    }
    const source = this.sourceForced ? this.source : (mapped.source ?? this.source);
    const invalid = validateMappedIncident(mapped, source);
    if (invalid) return this.reject(where, mapped.externalId, invalid.field, invalid.value, `${invalid.field}: ${describeValue(invalid.value)} ${invalid.problem}`, result.raw);

    const severity = this.severities.get(mapped.fields.severity.toLowerCase());
    if (!severity) return this.reject(where, mapped.externalId, 'severity', mapped.fields.severity, this.unknownSeverity(mapped.fields.severity), result.raw);
    const peakKey = mapped.fields.peakSeverity;
    const peak = peakKey === undefined ? null : this.severities.get(peakKey.toLowerCase());
    if (peak === undefined) return this.reject(where, mapped.externalId, 'peak_severity', peakKey, this.unknownSeverity(peakKey!), result.raw);

    const first = this.seen.firstOrAdd(`${source}\u0000${mapped.externalId}`, result.record);
    if (first !== undefined) {
      return this.reject(where, mapped.externalId, 'external_id', mapped.externalId, `external_id: ${describeValue(mapped.externalId)} appears again in this file (first in record ${first}); each incident must appear once`, result.raw);
    }

    const violation = findOrderViolation(milestonesOf(mapped));
    if (violation) {
      const { earlier, later } = violation;
      const [laterField, earlierField] = [milestoneColumn(later.field), milestoneColumn(earlier.field)];
      this.issue({
        kind: 'flagged', ...where, externalId: mapped.externalId, field: laterField, value: later.value.toISOString(),
        message: `${laterField} (${later.value.toISOString()}) is before ${earlierField} (${earlier.value.toISOString()}): imported, and left out of the metrics that need these milestones`,
        raw: null,
      });
      this.pendingCounts.flagged++;
    }
    const payload = JSON.stringify(mapped.sourcePayload);
    this.pendingChars += payload.length;
    this.pending.push({
      record: result.record, source, externalId: mapped.externalId, fields: mapped.fields, severity, peakSeverity: peak,
      owningTeamId: undefined, serviceIds: undefined, timeline: mapped.timeline, payload,
      fingerprint: fingerprint(source, mapped, payload),
    });
  }

  private unknownSeverity(key: string): string {
    const known = [...this.severities.values()].map((s) => s.key).join(', ');
    return `severity: ${describeValue(key)} is not a severity level (known: ${known}); map it with --value severity:${key}=<level>`;
  }

  private reject(where: { record: number; line: number | null }, externalId: string | null, field: string | null, value: unknown, message: string, raw: string | null): void {
    const text = value === undefined || value === null ? null : typeof value === 'string' ? value : describeValue(value);
    this.issue({ kind: 'rejected', ...where, externalId, field, value: text === null ? null : text.slice(0, 1000), message, raw });
    this.pendingCounts.rejected++;
  }

  /** PostgreSQL text cannot hold U+0000: an issue's texts keep the rest, with U+FFFD in its place. */
  private issue(issue: ImportIssueRow): void {
    const clean = (text: string | null) => (text === null ? null : text.replace(/\u0000/g, '\uFFFD'));
    this.pendingIssues.push({ ...issue, value: clean(issue.value), message: clean(issue.message)!, raw: clean(issue.raw) });
    this.pendingChars += issue.raw?.length ?? 0;
  }

  /**
   * Hands the pending batch to the writer once the previous batch is written, and returns without waiting
   * for this one: PostgreSQL writes a batch while this process reads and maps the next. Batches are written
   * one at a time, in file order; a failed write fails the import at the next call.
   */
  private async startFlush(): Promise<void> {
    await this.writing;
    this.writing = this.flush();
    // Observed here so that a failure is not an unhandled rejection while the next batch is read; the next
    // startFlush (or execute's final await) awaits this.writing itself and throws it.
    this.writing.catch(() => undefined);
  }

  /** Writes the pending batch, its counts and its issues in one transaction. */
  private async flush(): Promise<void> {
    const rows = this.pending;
    const issues = this.pendingIssues;
    const counts = this.pendingCounts;
    this.pending = [];
    this.pendingIssues = [];
    this.pendingCounts = zeroCounts();
    this.pendingChars = 0;
    const at = this.clock.now();
    await this.imports.transaction(async (manager) => {
      await this.resolveNames(manager, rows);
      const plan = await this.imports.plan(manager, rows);
      for (const outcome of plan.outcomes) counts[outcome]++;
      if (!this.dryRun) {
        const updatedIds = plan.updated.map((u) => u.id);
        const before = await this.incidents.findMany(updatedIds, manager);
        await this.imports.write(manager, this.id, this.request.actor, plan, at);
        const after = new Map((await this.incidents.findMany(updatedIds, manager)).map((row) => [row.id, toIncidentDto(row)]));
        const changes: AuditChange[] = [
          ...plan.created.map((c) => ({
            action: 'incident.import', entityType: 'incident', entityId: c.id, entityLabel: null, incidentId: c.id,
            after: { importId: this.id, source: c.row.source, externalId: c.row.externalId },
          })),
          ...before.map((row) => ({ ...incidentChange('incident.import_update', toIncidentDto(row), after.get(row.id)!), entityLabel: row.key })),
        ];
        await this.audit.recordMany(manager, this.request.actor, changes, at, this.request.context);
      }
      await this.imports.recordProgress(manager, this.id, counts, issues, at);
    });
    for (const key of Object.keys(counts) as (keyof ImportCounts)[]) this.counts[key] += counts[key];
    this.onProgress?.({ ...this.counts, bytesRead: this.bytesRead(), totalBytes: this.request.fileBytes });
  }

  /**
   * Service and team names to ids, creating the ones that do not exist yet (in this batch's transaction;
   * a dry run only lists them).
   */
  private async resolveNames(manager: EntityManager, rows: PreparedIncident[]): Promise<void> {
    const services = [...new Set(rows.flatMap((r) => r.fields.services ?? []))].filter((n) => !this.serviceIds.has(n));
    const teams = [...new Set(rows.flatMap((r) => (r.fields.owningTeam ? [r.fields.owningTeam] : [])))].filter((n) => !this.teamIds.has(n));
    await this.resolve(manager, 'services', services, this.serviceIds, this.servicesCreated);
    await this.resolve(manager, 'teams', teams, this.teamIds, this.teamsCreated);
    for (const row of rows) {
      if (row.fields.services !== undefined) row.serviceIds = row.fields.services.map((n) => this.serviceIds.get(n)!).filter(Boolean);
      const team = row.fields.owningTeam;
      if (team !== undefined) row.owningTeamId = team === null || team === '' ? null : (this.teamIds.get(team) ?? null);
    }
  }

  private async resolve(manager: EntityManager, table: 'services' | 'teams', names: string[], ids: Map<string, string>, createdList: string[]): Promise<void> {
    if (names.length === 0) return;
    const found = await this.imports.idsByName(manager, table, names);
    const missing = names.filter((n) => !found.has(n));
    if (missing.length > 0) {
      // Names that differ only in case are one service or team (the API's uniqueness rule): the first spelling is created.
      const spelling = new Map<string, string>();
      for (const name of missing) if (!spelling.has(name.toLowerCase())) spelling.set(name.toLowerCase(), name);
      const toCreate = [...spelling.values()];
      const created = this.dryRun ? new Map(toCreate.map((n) => [n, ''])) : await this.imports.createNamed(manager, table, toCreate);
      for (const name of missing) found.set(name, created.get(spelling.get(name.toLowerCase())!)!);
      createdList.push(...toCreate);
      if (!this.dryRun) await this.imports.addCreatedNames(manager, this.id, table === 'services' ? toCreate : [], table === 'teams' ? toCreate : []);
    }
    for (const [name, id] of found) ids.set(name, id);
  }
}

/** A NUL character, raw in CSV text or escaped in JSON text (`\\u0000` not preceded by an escaping backslash). */
function hasNul(raw: string | null): boolean {
  return raw !== null && (raw.includes('\u0000') || /(?:^|[^\\])(?:\\\\)*\\u0000/.test(raw));
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

function milestonesOf(mapped: MappedIncident): Milestones {
  const milestones: Milestones = {};
  for (const m of MILESTONES) {
    const value = mapped.fields[m];
    if (value) milestones[m] = new Date(value);
  }
  return milestones;
}

/** What an import writes for a record, hashed: the same record imported again has the same fingerprint. */
function fingerprint(source: string, mapped: MappedIncident, payload: string): string {
  return createHash('sha1')
    .update(source).update('\u0000').update(mapped.externalId).update('\u0000')
    .update(JSON.stringify(mapped.fields)).update('\u0000').update(JSON.stringify(mapped.timeline)).update('\u0000')
    .update(payload)
    .digest('base64');
}

const csvCell = (text: string, delimiter: string) =>
  /["\r\n]/.test(text) || text.includes(delimiter) ? `"${text.replace(/"/g, '""')}"` : text;

/**
 * `json` when the first character after any BOM and white space is `[` or `{`, else `csv`. Returns the stream to
 * read from: the same one with the peeked bytes put back (or, when the file ended while peeking, those bytes).
 */
async function sniffKind(input: Readable): Promise<{ kind: 'csv' | 'json'; stream: Readable }> {
  const chunks: Buffer[] = [];
  let kind: 'csv' | 'json' | null = null;
  let ended = false;
  while (kind === null && !ended) {
    const chunk = input.read() as Buffer | null;
    if (chunk === null) {
      ended = await nextReadable(input);
      continue;
    }
    chunks.push(chunk);
    const text = Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '').trimStart();
    if (text.length > 0) kind = text[0] === '[' || text[0] === '{' ? 'json' : 'csv';
  }
  const peeked = Buffer.concat(chunks);
  if (ended) return { kind: kind ?? 'csv', stream: Readable.from(peeked.length > 0 ? [peeked] : []) };
  input.unshift(peeked);
  return { kind: kind ?? 'csv', stream: input };
}

/** Waits until the stream has data (false) or has ended (true). */
function nextReadable(input: Readable): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const done = (result: boolean | Error) => {
      input.off('readable', onReadable);
      input.off('end', onEnd);
      input.off('error', done);
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const onReadable = () => done(false);
    const onEnd = () => done(true);
    input.on('readable', onReadable);
    input.on('end', onEnd);
    input.on('error', done);
  });
}
