import cliProgress from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import { generateDemoData, summarizeDemoData, type DemoData } from '../demo/demo-data.generator.js';
import { DemoDataService, type DemoDataProgress } from '../demo/demo-data.service.js';
import { withHindsight } from './context.js';

interface DemoDataCommandOptions {
  seed: number;
  incidents: number;
  months: number;
}

/** Commander argument parser: a whole number from 1 to `max`, or an error naming the option and value. */
function positiveInteger(option: string, max: number) {
  return (value: string): number => {
    const number = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
    if (!(number >= 1 && number <= max)) throw new InvalidArgumentError(`${option} must be a positive integer from 1 to ${max}.`);
    return number;
  };
}

export function registerDemoDataCommand(program: Command): void {
  program
    .command('demo-data')
    .description('fill an EMPTY database with realistic incident history (deterministic for a given --seed)')
    .option('--seed <n>', 'random seed: the same seed gives the same history', positiveInteger('--seed', 0xffffffff), 42)
    .option('--incidents <n>', 'number of incidents', positiveInteger('--incidents', 50_000), 600)
    .option('--months <n>', 'months of history before now', positiveInteger('--months', 120), 24)
    .action(async (options: DemoDataCommandOptions) => {
      const { data, elapsedMs } = await withHindsight(async (app, { config }) => {
        // Retrospectives scheduled in the configured business hours, like the deadlines the metrics judge them by.
        const data = generateDemoData({ ...options, end: new Date(), calendar: config.businessCalendar });
        const progress = progressReporter();
        const startedAt = Date.now();
        try {
          await app.get(DemoDataService).write(data, progress.update);
        } finally {
          progress.stop();
        }
        return { data, elapsedMs: Date.now() - startedAt };
      });
      process.stdout.write(formatSummary(data, elapsedMs));
    });
}

/** A progress bar on an interactive stderr; plain lines, one per table, otherwise (logs, CI, pipes). */
function progressReporter(): { update: (progress: DemoDataProgress) => void; stop: () => void } {
  if (process.stderr.isTTY) {
    let bar: cliProgress.SingleBar | null = null;
    return {
      update(progress) {
        if (!bar) {
          bar = new cliProgress.SingleBar(
            { stream: process.stderr, format: 'Writing demo data [{bar}] {percentage}% | {value}/{total} rows | {table}', hideCursor: true },
            cliProgress.Presets.shades_classic,
          );
          bar.start(progress.total, 0, { table: progress.table });
        }
        bar.update(progress.written, { table: progress.table });
      },
      stop() {
        bar?.stop();
      },
    };
  }
  return {
    update(progress) {
      if (progress.tableWritten === progress.tableTotal) {
        process.stderr.write(`Wrote ${progress.tableTotal} ${progress.table} rows (${progress.written}/${progress.total})\n`);
      }
    },
    stop() {},
  };
}

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : '-');

export function formatSummary(data: DemoData, elapsedMs: number): string {
  const s = summarizeDemoData(data);
  const { seed, months } = data.options;
  const severities = Object.entries(s.incidents.bySeverity).map(([key, n]) => `${key} ${n}`).join(', ');
  const rows: [string, string][] = [
    ['teams', `${s.teams}`],
    ['services', `${s.services.internal + s.services.vendor} (${s.services.internal} internal, ${s.services.vendor} vendors)`],
    ['incidents', `${s.incidents.total} by peak severity: ${severities}; ${s.incidents.open} still open, ${s.incidents.excluded} game days excluded from metrics`],
    ['severity changes', `${s.severityChanges}`],
    ['retrospectives', `${s.retrospectives.total} (${s.retrospectives.submitted} submitted, ${s.retrospectives.draft} drafts)`],
    ['action items', `${s.actionItems.total} (${s.actionItems.done} done, ${s.actionItems.open} open of which ${s.actionItems.overdue} overdue)`],
    ['timeline entries', `${s.timelineEntries} (${s.statusUpdates} status updates)`],
    ['date range', `${day(s.firstStartedAt)} to ${day(s.lastStartedAt)} (incident starts; history window ${day(data.window.start)} to ${day(data.window.end)})`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return (
    `Demo data written in ${(elapsedMs / 1000).toFixed(1)} s (seed ${seed}, ${months} months):\n` +
    rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}\n`).join('')
  );
}
