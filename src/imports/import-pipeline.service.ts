import { Injectable, Logger } from '@nestjs/common';
import { AuditTrail } from '../audit/audit-trail.service.js';
import type { AuditChange } from '../audit/audit-change.js';
import { incidentChange } from '../incidents/incident.mapper.js';
import { Clock } from '../common/clock.js';
import { Transactions } from '../database/transactions.js';
import { IncidentWriter, type IncidentChange, type NewIncident } from '../incidents/incident-writer.service.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { ServicesService } from '../services/services.service.js';
import { TeamsService } from '../teams/teams.service.js';
import type { MappedIncident } from './formats/mapped-incident.js';
import { RecordBatcher, zeroCounts, type ImportCounts, type PendingBatch } from './import-batch.js';
import { planBatch, type PreparedIncident } from './import-plan.js';
import type { ImportProgress, ImportRequest, ImportSummary } from './import-request.js';
import { ImportsRepository } from './imports.repository.js';
import type { OpenedFile } from './readers/import-file.js';
import { severityLookup } from './severity-lookup.js';

/** Records mapped between two turns of the event loop while a batch is being written. */
const YIELD_EVERY = 50;
/** How often a running import says it is alive (imports that stop beating are marked interrupted). */
export const HEARTBEAT_MS = 30_000;

/** An import run recorded in `imports`, its file opened: what ImportPipeline needs to read and write it. */
export interface ImportJob {
  id: string;
  request: ImportRequest;
  /** The run's source name, and whether it overrides the records' own. */
  source: string;
  sourceForced: boolean;
  mapper: (record: unknown) => MappedIncident;
  file: OpenedFile;
  onProgress?: (progress: ImportProgress) => void;
}

/**
 * The import pipeline: reads a file record by record (memory flat), batches the records (RecordBatcher), and
 * writes each batch in one transaction with its counts and issues: names resolved (missing services and teams
 * created), the records planned against what is stored (planBatch), the incidents written by IncidentWriter,
 * each audited. The next batch is read while one is written.
 */
@Injectable()
export class ImportPipeline {
  private readonly logger = new Logger(ImportPipeline.name);

  constructor(
    private readonly imports: ImportsRepository,
    private readonly transactions: Transactions,
    private readonly writer: IncidentWriter,
    private readonly incidents: IncidentsService,
    private readonly teams: TeamsService,
    private readonly services: ServicesService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** Runs the import to the end; a failure is recorded on the run and returned as a failed summary. */
  async run(job: ImportJob): Promise<ImportSummary> {
    const run = new PipelineRun(job, this, this.imports, this.clock, (message) => this.logger.warn(message));
    try {
      return await run.execute();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`Import ${job.id} failed: ${message}`, error instanceof Error ? error.stack : undefined);
      await this.imports.finishRun(job.id, 'failed', this.clock.now(), message).catch(() => undefined);
      return run.summary('failed', message);
    }
  }

  /** `import.start` / `import.finish`, each in a transaction of its own. */
  recordRunEvent(job: ImportJob, action: string, after?: unknown): Promise<void> {
    const { format, fileName, fileBytes, options, dryRun } = job.request;
    const change: AuditChange = {
      action, entityType: 'import', entityId: job.id, entityLabel: fileName,
      after: after ?? { format, source: job.source, fileName, fileBytes, dryRun: dryRun ?? false, options },
    };
    return this.audit.record(job.request.actor, change, this.clock.now(), job.request.context);
  }

  /** Writes one batch, its counts and its issues in one transaction; the batch's outcomes are added to `batch.counts`. */
  async writeBatch(job: ImportJob, names: NameCache, batch: PendingBatch): Promise<void> {
    const { rows, issues, counts } = batch;
    const dryRun = job.request.dryRun ?? false;
    const { actor, context } = job.request;
    const at = this.clock.now();
    await this.transactions.run(async () => {
      await this.resolveNames(job, names, rows, dryRun);
      const plan = planBatch(rows, await this.imports.lockExisting(rows));
      for (const outcome of plan.outcomes) counts[outcome]++;
      if (!dryRun) {
        const updatedIds = plan.updated.map((u) => u.existing.id);
        const before = await this.incidents.getMany(updatedIds);
        const created = await this.writer.create(plan.created.map((row): NewIncident => ({
          fields: row.fields, severity: row.severity, sourcePeak: row.peakSeverity, owningTeamId: row.owningTeamId ?? null,
          serviceIds: row.serviceIds ?? [], source: row.source, externalId: row.externalId, sourcePayload: row.payload,
          importFingerprint: row.fingerprint, lastImportId: job.id, declared: { changedBy: actor.name, reason: `Imported from ${row.source}` },
        })));
        await this.writer.update(plan.updated.map(({ row, existing }): IncidentChange => ({
          id: existing.id, fields: row.fields, owningTeamId: row.owningTeamId, serviceIds: row.serviceIds,
          severity: {
            next: row.severity, sourcePeak: row.peakSeverity, current: { severityId: existing.severityId, peak: existing.peak },
            changedAt: at, changedBy: actor.name, reason: `Re-imported from ${row.source}`,
          },
          sourcePayload: row.payload, importFingerprint: row.fingerprint, lastImportId: job.id,
        })));
        const written: { id: string; row: PreparedIncident }[] = [
          ...created.map(({ id }, i) => ({ id, row: plan.created[i] })),
          ...plan.updated.map(({ row, existing }) => ({ id: existing.id, row })),
        ];
        await this.writer.replaceImportedTimeline(written.flatMap(({ id, row }) => row.timeline.map((entry) => ({ ...entry, incidentId: id }))), updatedIds);
        const after = new Map((await this.incidents.getMany(updatedIds)).map((dto) => [dto.id, dto]));
        await this.audit.recordMany(actor, [
          ...created.map(({ id }, i): AuditChange => ({
            action: 'incident.import', entityType: 'incident', entityId: id, entityLabel: null, incidentId: id,
            after: { importId: job.id, source: plan.created[i].source, externalId: plan.created[i].externalId },
          })),
          ...before.map((dto) => ({ ...incidentChange('incident.import_update', dto, after.get(dto.id)!), entityLabel: dto.key })),
        ], at, context);
      }
      await this.imports.recordProgress(job.id, counts, issues, at);
    });
  }

  /**
   * Service and team names to ids, creating the ones that do not exist yet (in the batch's transaction; a dry
   * run only lists them). Names already resolved by an earlier batch of the run are not looked up again.
   */
  private async resolveNames(job: ImportJob, names: NameCache, rows: PreparedIncident[], dryRun: boolean): Promise<void> {
    const serviceNames = [...new Set(rows.flatMap((r) => r.fields.services ?? []))].filter((n) => !names.serviceIds.has(n));
    const teamNames = [...new Set(rows.flatMap((r) => (r.fields.owningTeam ? [r.fields.owningTeam] : [])))].filter((n) => !names.teamIds.has(n));
    const services = await this.services.resolveNames(serviceNames, !dryRun);
    const teams = await this.teams.resolveNames(teamNames, !dryRun);
    for (const [name, id] of services.ids) names.serviceIds.set(name, id);
    for (const [name, id] of teams.ids) names.teamIds.set(name, id);
    names.servicesCreated.push(...services.created);
    names.teamsCreated.push(...teams.created);
    if (!dryRun) await this.imports.addCreatedNames(job.id, services.created, teams.created);
    for (const row of rows) {
      if (row.fields.services !== undefined) row.serviceIds = row.fields.services.map((n) => names.serviceIds.get(n)!).filter(Boolean);
      const team = row.fields.owningTeam;
      if (team !== undefined) row.owningTeamId = team === null || team === '' ? null : (names.teamIds.get(team) ?? null);
    }
  }
}

/** Names a run has resolved so far, and the ones it created (or would create, in a dry run). */
interface NameCache {
  serviceIds: Map<string, string>;
  teamIds: Map<string, string>;
  servicesCreated: string[];
  teamsCreated: string[];
}

/** One run: the record loop, the batch being written, and the counts. */
class PipelineRun {
  private readonly counts = zeroCounts();
  private readonly names: NameCache = { serviceIds: new Map(), teamIds: new Map(), servicesCreated: [], teamsCreated: [] };
  /** The batch being written while the next one is read and mapped; at most one at a time. */
  private writing: Promise<void> | null = null;
  private readonly startedAt = Date.now();

  constructor(
    private readonly job: ImportJob,
    private readonly pipeline: ImportPipeline,
    private readonly imports: ImportsRepository,
    private readonly clock: Clock,
    private readonly warn: (message: string) => void,
  ) {}

  async execute(): Promise<ImportSummary> {
    const { job, pipeline, imports, clock } = this;
    const heartbeat = setInterval(() => void imports.heartbeat(job.id, clock.now()).catch(() => undefined), HEARTBEAT_MS);
    heartbeat.unref();
    try {
      await pipeline.recordRunEvent(job, 'import.start');
      const batcher = new RecordBatcher({
        importId: job.id, source: job.source, sourceForced: job.sourceForced, mapper: job.mapper, warn: this.warn,
        severities: severityLookup(await imports.severityLevels()),
      });
      let read = 0;
      for await (const result of job.file.records) {
        batcher.accept(result);
        read++;
        if (batcher.full) await this.startWrite(batcher.take());
        // Records buffered by the reader arrive as microtasks, which never let socket events through: without a
        // turn of the event loop now and then, the batch being written would wait for each of its statements'
        // replies until the reader's buffer is empty.
        else if (read % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      }
      await this.startWrite(batcher.take());
      await this.writing;
    } finally {
      clearInterval(heartbeat);
      // A failed read must not leave a write running (or its failure unobserved) behind the error it reports.
      await this.writing?.catch(() => undefined);
    }
    await imports.finishRun(job.id, 'completed', clock.now());
    const summary = this.summary('completed', null);
    await pipeline.recordRunEvent(job, 'import.finish', summary);
    return summary;
  }

  summary(status: 'completed' | 'failed', error: string | null): ImportSummary {
    const { request, id, source } = this.job;
    return {
      id, status, format: request.format, source, dryRun: request.dryRun ?? false, ...this.counts,
      servicesCreated: [...this.names.servicesCreated], teamsCreated: [...this.names.teamsCreated], elapsedMs: Date.now() - this.startedAt, error,
    };
  }

  /**
   * Hands a batch to the writer once the previous batch is written, and returns without waiting for this one:
   * PostgreSQL writes a batch while this process reads and maps the next. Batches are written one at a time,
   * in file order; a failed write fails the import at the next call.
   */
  private async startWrite(batch: PendingBatch): Promise<void> {
    await this.writing;
    this.writing = this.write(batch);
    // Observed here so that a failure is not an unhandled rejection while the next batch is read; the next
    // startWrite (or execute's final await) awaits this.writing itself and throws it.
    this.writing.catch(() => undefined);
  }

  private async write(batch: PendingBatch): Promise<void> {
    await this.pipeline.writeBatch(this.job, this.names, batch);
    for (const key of Object.keys(batch.counts) as (keyof ImportCounts)[]) this.counts[key] += batch.counts[key];
    this.job.onProgress?.({ ...this.counts, bytesRead: this.job.file.bytesRead(), totalBytes: this.job.request.fileBytes });
  }
}
