import type { Readable } from 'node:stream';
import type { AuditContext } from '../audit/audit-change.js';
import type { Actor } from '../common/actor.js';
import type { ImportCounts } from './import-batch.js';
import type { ImportOptionsInput } from './import-formats.js';

/**
 * The bytes of the file to import: a function that opens the file from its start (the CLI's and the API's files on
 * disk), called once per pass, or a stream, read once. A format that reads its envelope first (PagerDuty analytics
 * JSON: the envelope's `time_zone` may come after the records) makes a first pass over the file, which a stream
 * cannot give: with a stream only the user's options count.
 */
export type ImportInput = Readable | (() => Readable);

/** An import to run: the file, its format and options, and who runs it. */
export interface ImportRequest {
  format: string;
  input: ImportInput;
  fileName: string;
  fileBytes: number | null;
  /** Overrides the format's default source name and the records' own. */
  source?: string;
  dryRun?: boolean;
  options?: ImportOptionsInput;
  actor: Actor;
  context?: AuditContext;
}

/** Where a running import is: its counts so far and the bytes of the file read. */
export interface ImportProgress extends ImportCounts {
  bytesRead: number;
  totalBytes: number | null;
}

/** How an import ended. */
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
