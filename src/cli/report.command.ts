import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { isReportMonth } from '../reports/report-month.js';
import { monthlyReportFileName, ReportBuilder } from '../reports/report-builder.service.js';
import { withHindsight } from './context.js';

interface MonthlyOptions {
  month: string;
  out?: string;
}

/** Commander argument parser for --month: YYYY-MM, or an error naming the option and the value. */
function month(value: string): string {
  if (!isReportMonth(value)) throw new InvalidArgumentError(`--month must be a month in YYYY-MM form, e.g. 2026-10 (got "${value}").`);
  return value;
}

export function registerReportCommand(program: Command): void {
  const report = program.command('report').description('generate reports');
  report
    .command('monthly')
    .description('write the monthly leadership workbook for one month (in REPORT_TIMEZONE) and print its figures as JSON')
    .requiredOption('--month <YYYY-MM>', 'the calendar month to report on, e.g. 2026-10', month)
    .option('--out <file>', 'where to write the workbook (default: REPORTS_DIR/hindsight-monthly-<month>.xlsx)')
    .action(async (options: MonthlyOptions) => {
      const result = await withHindsight(async (app, { config, log }) => {
        const output = options.out ? path.resolve(options.out) : path.join(config.reportsDir, monthlyReportFileName(options.month));
        log(`Writing the monthly report for ${options.month} (${config.reportTimeZone}) to ${output}`);
        const startedAt = Date.now();
        const seconds = () => ((Date.now() - startedAt) / 1000).toFixed(1);
        const built = await app.get(ReportBuilder).buildMonthly(options.month, output, { onProgress: (step) => log(`  ${seconds()} s  ${step}`) });
        log(`Done in ${seconds()} s: ${built.bytes} bytes, sha256 ${built.sha256}`);
        return built;
      });
      process.stdout.write(`${JSON.stringify({ path: result.path, bytes: result.bytes, sha256: result.sha256, figures: result.figures }, null, 2)}\n`);
    });
}
