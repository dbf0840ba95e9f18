import { createReadStream, createWriteStream, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import cliProgress from 'cli-progress';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { CLI_ACTOR } from '../common/actor.js';
import { IMPORT_FORMATS } from '../imports/import-formats.js';
import type { ImportProgress, ImportSummary } from '../imports/import-request.js';
import { ImportsService } from '../imports/imports.service.js';
import { CliError, CliExit, withHindsight } from './context.js';
import { IMPORT_HEAP_GROWING_PERCENT, limitHeapGrowth } from './heap.js';

interface ImportCommandOptions {
  format: string;
  dryRun?: boolean;
  source?: string;
  map: string[];
  value: string[];
  timezone?: string;
  delimiter?: ',' | ';' | 'auto';
  encoding?: 'utf-8' | 'windows-1252' | 'latin1';
  config?: string;
  rejected?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** Exit status when the import finished but some records were rejected (they are in the rejected-records file). */
export const EXIT_SOME_REJECTED = 2;

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('import incident history from a file; safe to repeat (keyed on source + external id)')
    .argument('<file>', 'the file to import')
    .addOption(new Option('--format <format>', 'the file format').choices([...IMPORT_FORMATS]).makeOptionMandatory())
    .option('--dry-run', 'read and check every record and report, but write no incidents')
    .option('--source <name>', "source name the incidents are keyed under (default: the format's, e.g. statuspage)")
    .option('--map <target=column>', 'csv: read a Hindsight field from a column, e.g. --map started_at=start_timestamp (repeatable)', collect, [])
    .option('--value <field:from=to>', 'replace a value before reading it, e.g. --value severity:3=SEV1 (repeatable)', collect, [])
    .option('--timezone <zone>', 'IANA zone of timestamps that carry no offset (otherwise they are refused), e.g. Europe/Berlin')
    .addOption(new Option('--delimiter <char>', 'CSV delimiter').choices([',', ';', 'auto']).default('auto'))
    .addOption(new Option('--encoding <encoding>', 'CSV text encoding').choices(['utf-8', 'windows-1252', 'latin1']).default('utf-8'))
    .option('--config <file>', 'incidentio: JSON file mapping timestamp and severity names (see README)')
    .option('--rejected <file>', 'where to write rejected records (default: <file>.rejected.<csv|json> beside the input)')
    .action(async (file: string, options: ImportCommandOptions) => {
      limitHeapGrowth(IMPORT_HEAP_GROWING_PERCENT);
      const size = fileSize(file);
      const incidentioConfig = options.config === undefined ? undefined : readJsonFile('--config', options.config);
      const { summary, rejectedPath } = await withHindsight(async (app) => {
        const imports = app.get(ImportsService);
        const progress = progressReporter(size);
        let summary: ImportSummary;
        try {
          const started = await imports.start(
            {
              format: options.format, input: () => createReadStream(file), fileName: basename(file), fileBytes: size, source: options.source,
              dryRun: options.dryRun ?? false, actor: CLI_ACTOR,
              options: {
                timezone: options.timezone, map: options.map, value: options.value, delimiter: options.delimiter, encoding: options.encoding, incidentioConfig,
              },
            },
            progress.update,
          );
          summary = await started.done;
        } finally {
          progress.stop();
        }
        let rejectedPath: string | null = null;
        if (summary.rejected > 0) {
          const run = await imports.require(summary.id);
          rejectedPath = options.rejected ?? defaultRejectedPath(file, run.file_kind);
          await pipeline(Readable.from(imports.rejectedFile(summary.id)), createWriteStream(rejectedPath));
        }
        const issues = await imports.issues(summary.id, { limit: 10 });
        process.stdout.write(formatImportSummary(summary, rejectedPath, issues.items));
        return { summary, rejectedPath };
      });
      if (summary.status === 'failed') throw new CliError(`import failed: ${summary.error}`);
      if (rejectedPath !== null) throw new CliExit(EXIT_SOME_REJECTED);
    });
}

function fileSize(file: string): number {
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new CliError(`${file} is not a file`);
    return stat.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}

function readJsonFile(option: string, file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InvalidArgumentError(`${option} ${file}: ${(error as Error).message}`);
  }
}

function defaultRejectedPath(file: string, kind: 'csv' | 'json'): string {
  const ext = extname(file);
  return join(dirname(file), `${basename(file, ext)}.rejected.${kind}`);
}

/** A progress bar (records, records/s, ETA from the bytes read) on an interactive stderr; a line every 10 % otherwise. */
function progressReporter(totalBytes: number): { update: (progress: ImportProgress) => void; stop: () => void } {
  const started = Date.now();
  const rate = (records: number) => Math.round(records / Math.max((Date.now() - started) / 1000, 0.001));
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream: process.stderr, hideCursor: true, etaBuffer: 50,
        format: 'Importing [{bar}] {percentage}% | {records} records | {rate} records/s | ETA {eta_formatted}',
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(Math.max(totalBytes, 1), 0, { records: 0, rate: 0 });
    return {
      update: (p) => bar.update(p.bytesRead, { records: p.recordsRead, rate: rate(p.recordsRead) }),
      stop: () => bar.stop(),
    };
  }
  let nextReport = 0.1;
  return {
    update(p) {
      const share = totalBytes > 0 ? p.bytesRead / totalBytes : 1;
      if (share < nextReport) return;
      nextReport = Math.floor(share * 10) / 10 + 0.1;
      process.stderr.write(`Imported ${Math.round(share * 100)}%: ${p.recordsRead} records, ${rate(p.recordsRead)} records/s\n`);
    },
    stop() {},
  };
}

export function formatImportSummary(
  summary: ImportSummary, rejectedPath: string | null, issues: { kind: string; record: number; line: number | null; message: string }[],
): string {
  const would = summary.dryRun ? 'would be ' : '';
  const lines = [
    `${summary.dryRun ? 'Dry run (nothing written) of import' : 'Import'} ${summary.id} (${summary.format}, source ${summary.source}) ${summary.status} in ${(summary.elapsedMs / 1000).toFixed(1)} s:`,
    `  records read  ${summary.recordsRead}`,
    `  created       ${summary.created}${summary.dryRun ? ' (would be created)' : ''}`,
    `  updated       ${summary.updated}${summary.dryRun ? ' (would be updated)' : ''}`,
    `  unchanged     ${summary.unchanged}`,
    `  rejected      ${summary.rejected}${rejectedPath ? `: written to ${rejectedPath}; fix them and import that file again` : ''}`,
    `  flagged       ${summary.flagged}${summary.flagged ? ` (${would}imported with milestones out of order; listed under data quality, left out only of intervals whose own two ends are out of order)` : ''}`,
    `  shortened     ${summary.shortened}${summary.shortened ? ` (${would}imported with text over the length limits cut at a word boundary; the whole text is kept in the source payload)` : ''}`,
  ];
  if (summary.servicesCreated.length) lines.push(`  services ${would}created: ${summary.servicesCreated.join(', ')}`);
  if (summary.teamsCreated.length) lines.push(`  teams ${would}created: ${summary.teamsCreated.join(', ')}`);
  if (issues.length) {
    const total = summary.rejected + summary.flagged + summary.shortened;
    lines.push(`First issues${total > issues.length ? ` (all ${total}: GET /api/v1/imports/${summary.id}/issues)` : ''}:`);
    for (const issue of issues) lines.push(`  ${issue.kind} record ${issue.record}${issue.line ? ` (line ${issue.line})` : ''}: ${issue.message}`);
  }
  return `${lines.join('\n')}\n`;
}
