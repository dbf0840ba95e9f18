// The child processes of `npm run bench -- report` (report.bench.mjs), each its own process so that its peak
// RSS is its own. Run from the repository root with DATABASE_URL set:
//   node test/bench/report-phases.mjs month-data <monthStart ISO> <incidents> <seed>
//     the report month's incidents with everything the demo writes (timelines, severity history,
//     retrospectives, action items), through DemoDataService, months = 1 ending at the month's end;
//   node test/bench/report-phases.mjs floor <YYYY-MM>
//     the floor the report is measured against (see floor() below).
// Each prints one line of JSON on stdout: its own figures plus process.resourceUsage().maxRSS (KiB).
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';

const ROOT = process.cwd();
const dist = (p) => import(path.join(ROOT, 'dist', p));

async function monthData(monthStartIso, incidents, seed) {
  const { withHindsight } = await dist('src/cli/context.js');
  const { generateDemoData } = await dist('src/demo/demo-data.generator.js');
  const { DemoDataService } = await dist('src/demo/demo-data.service.js');
  const start = new Date(monthStartIso);
  const end = new Date(start);
  end.setUTCMonth(end.getUTCMonth() + 1);
  return withHindsight(async (app, { config }) => {
    let t = Date.now();
    const data = generateDemoData({ seed, incidents, months: 1, end, calendar: config.businessCalendar });
    const generateMs = Date.now() - t;
    t = Date.now();
    let lastTable = '';
    const written = await app.get(DemoDataService).write(data, (p) => {
      if (p.tableWritten === p.tableTotal && p.table !== lastTable) {
        lastTable = p.table;
        process.stderr.write(`  month data: ${p.table} ${p.tableTotal} rows (${p.written}/${p.total})\n`);
      }
    });
    return { generateMs, writeMs: Date.now() - t, written, window: { start: data.window.start.toISOString(), end: data.window.end.toISOString() } };
  });
}

/** The floor's metrics calls in flight at once: all forty-odd at once wait longer for a pooled connection than the pool allows (5 s). */
const CALLS_AT_ONCE = 4;
/** The floor reads the data-quality list in pages of this many (the report, before issue 13, in pages of 500). */
const DATA_QUALITY_PAGE = 5_000;

/** At most `max` of the functions' promises pending at once. */
function limiter(max) {
  let running = 0;
  const waiting = [];
  return async (work) => {
    if (running >= max) await new Promise((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await work();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}

/**
 * The floor: what any monthly workbook of these incidents has to do at the least, in one Nest application
 * context like the CLI's. (1) Every metrics call ReportBuilder makes, with the same arguments (figures():
 * the current, previous and last-year period sources, severity trends, the two trend summaries, trend SLA,
 * the five changes, the five year-over-year comparisons, the TTR values, the data's last change, the month's
 * incident stamps), CALLS_AT_ONCE at a time; and the data-quality list the report's Data quality sheet lists,
 * in pages of DATA_QUALITY_PAGE. (2) The month's incident rows, read as the
 * report reads them (ReportsRepository.incidents, keyset pages), written with ExcelJS's streaming
 * WorkbookWriter into one sheet with the report's 29 columns: plain strings, numbers (seconds) and Dates,
 * no styles, no shared strings, no number formats, no charts, no other sheets. Keep (1) in step with
 * report-builder.service.ts.
 */
async function floor(month) {
  const { withHindsight } = await dist('src/cli/context.js');
  const { MetricsSummaryService } = await dist('src/metrics/summary/metrics-summary.service.js');
  const { MetricsAnalysisService } = await dist('src/metrics/analysis/metrics-analysis.service.js');
  const { MetricsHealthService } = await dist('src/metrics/health/metrics-health.service.js');
  const { INTERVAL_METRIC_KEYS } = await dist('src/metrics/core/intervals.js');
  const { ReportsRepository } = await dist('src/reports/reports.repository.js');
  const { reportMonths } = await dist('src/reports/report-month.js');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hindsight-floor-'));
  try {
    return await withHindsight(async (app, { config }) => {
      const summary = app.get(MetricsSummaryService);
      const analysis = app.get(MetricsAnalysisService);
      const health = app.get(MetricsHealthService);
      const repository = app.get(ReportsRepository);
      const zone = config.reportTimeZone;
      const months = reportMonths(month, zone);
      const now = new Date();
      const started = Date.now();

      const limit = limiter(CALLS_AT_ONCE);
      const periodSources = (range) => {
        const scope = { from: range.from, to: range.to, timeZone: zone };
        return Promise.all([
          limit(() => summary.summarize(scope)),
          limit(() => summary.summarize({ ...scope, groupBy: [{ kind: 'severity' }] })),
          limit(() => analysis.sla(scope)),
          limit(() => analysis.sla({ ...scope, groupBy: [{ kind: 'severity' }] })),
          limit(() => health.retros(scope)),
          limit(() => health.comms(scope)),
          limit(() => health.actionItems(scope)),
          limit(() => repository.countDoneBetween(range.from, range.to)),
          limit(() => analysis.dataQuality(scope, { includeMissing: true, limit: 1 })),
        ]);
      };
      const trendScope = { from: months.trendFrom, to: months.current.to, timeZone: zone };
      const changeScope = { from: months.previous.from, to: months.current.to, timeZone: zone };
      const monthScope = (range) => ({ from: range.from, to: range.to, timeZone: zone });
      await Promise.all([
        periodSources(months.current),
        periodSources(months.previous),
        periodSources(months.lastYear),
        limit(() => analysis.severityTrends(trendScope, { period: 'month' })),
        limit(() => summary.summarize({ ...trendScope, groupBy: [{ kind: 'period', unit: 'month' }] })),
        limit(() => summary.summarize({ ...trendScope, groupBy: [{ kind: 'period', unit: 'month' }, { kind: 'severity' }] })),
        limit(() => analysis.sla({ ...trendScope, groupBy: [{ kind: 'period', unit: 'month' }, { kind: 'severity' }] })),
        Promise.all(INTERVAL_METRIC_KEYS.map((metric) => limit(() => analysis.changes(changeScope, { metric, period: 'month' })))),
        Promise.all(INTERVAL_METRIC_KEYS.map((metric) => limit(() => analysis.compareRanges(monthScope(months.lastYear), monthScope(months.current), metric)))),
        limit(() => repository.ttrSeconds(months.current.from, months.current.to)),
        limit(() => repository.dataLastChangedAt()),
        limit(() => repository.incidentStamps(months.current.from, months.current.to)),
      ]);
      const figuresMs = Date.now() - started;
      let t = Date.now();
      let dataQualityItems = 0;
      let cursor;
      do {
        const page = await analysis.dataQuality({ from: months.current.from, to: months.current.to, timeZone: zone }, { includeMissing: true, limit: DATA_QUALITY_PAGE, cursor });
        dataQualityItems += page.items.length;
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      const dataQualityMs = Date.now() - t;

      t = Date.now();
      const file = path.join(dir, `floor-${month}.xlsx`);
      const stream = createWriteStream(file);
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: false, useSharedStrings: false });
      const sheet = workbook.addWorksheet('Incidents');
      const milestones = ['startedAt', 'detectedAt', 'acknowledgedAt', 'investigatingAt', 'identifiedAt', 'mitigatedAt', 'resolvedAt', 'retroPrepAt', 'retroDoneAt'];
      const metrics = ['ttd', 'tta', 'tte', 'ttm', 'ttr', 'ttRetro'];
      sheet.addRow(['Key', 'Title', 'Severity (peak)', 'Severity (now)', 'Services', 'Team', 'Source', ...milestones, ...metrics, 'SLA ack', 'SLA mitigate', 'SLA resolve', 'Retro', 'Excluded', 'Out of order', 'Left out of']).commit();
      let rows = 0;
      for await (const r of repository.incidents({ from: months.current.from, to: months.current.to, now })) {
        const leftOut = Object.entries(r.leftOut).filter(([, reason]) => reason !== null).map(([m, reason]) => `${m} (${reason})`).join(', ');
        sheet.addRow([
          r.key, r.title, r.severity, r.currentSeverity, r.services.join(', '), r.team, r.source,
          ...milestones.map((m) => r[m]), ...metrics.map((m) => r[m]),
          r.sla.ack, r.sla.mitigate, r.sla.resolve, r.retroStatus, r.excludedFromMetrics ? 'yes' : 'no', r.orderViolation ? 'yes' : 'no', leftOut || null,
        ]).commit();
        rows += 1;
      }
      sheet.commit();
      await workbook.commit();
      const writeMs = Date.now() - t;
      const { size } = await stat(file);
      return { month, figuresMs, dataQualityMs, dataQualityItems, rows, writeMs, bytes: size, totalMs: Date.now() - started };
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const [mode, ...args] = process.argv.slice(2);
let result;
if (mode === 'month-data') result = await monthData(args[0], Number(args[1]), Number(args[2]));
else if (mode === 'floor') result = await floor(args[0]);
else {
  console.error('usage: report-phases.mjs month-data <monthStart> <incidents> <seed> | floor <YYYY-MM>');
  process.exit(2);
}
process.stdout.write(`${JSON.stringify({ ...result, maxRssKiB: process.resourceUsage().maxRSS })}\n`);
