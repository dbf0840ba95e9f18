import type { Readable } from 'node:stream';
import type { AuditContext } from '../audit/audit-change.js';
import type { Actor } from '../common/actor.js';
import type { ImportCounts } from './import-batch.js';
import type { ImportOptionsInput } from './import-formats.js';

/** An import to run: the file, its format and options, and who runs it. */
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
