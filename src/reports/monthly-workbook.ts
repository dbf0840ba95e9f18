import { createWriteStream } from 'node:fs';
import ExcelJS, { type Alignment, type Fill, type Font, type Worksheet } from 'exceljs';
import { METRIC_TEXT } from '../charts/chart-definitions.js';
import type { BusinessCalendar } from '../config/config.js';
import type { DataQualityIncident } from '../metrics/analysis/metrics-analysis.results.js';
import { INTERVAL_METRIC_KEYS, type MetricName } from '../metrics/core/intervals.js';
import type { SlaKind } from '../metrics/core/sla.js';
import { blameHintFinder } from '../retros/blame-hints.js';
import { cellList, cellText, columnLetter, excelDuration, excelLocalTime, excelLocalTimeIn, fittedWidth, hours } from './cells.js';
import type { FiguresDiff } from './figures-diff.js';
import { movedLines } from './moved-block.js';
import { SLA_KINDS, type ChangeFigure, type DurationFigure, type MonthlyReportFigures, type PeriodFigures, type RateFigure } from './monthly-report-figures.js';
import type { ActionItemReportRow, IncidentReportRow, RetroReportRow, SlaBreachRow, SlaState } from './report-rows.js';
import { placePictures } from './streaming-images.js';

/**
 * Writes the monthly workbook with ExcelJS's streaming writer: each row is committed as soon as it is written,
 * so a month of 50,000 incidents never sits in memory as a workbook. Sheets, in order: Summary, Trends,
 * Incidents, SLA breaches, Action items, Retrospectives, Data quality, Definitions. No Nest, no SQL: the
 * figures and the rows come in, a file goes out.
 */

export const SHEET_NAMES = ['Summary', 'Trends', 'Incidents', 'SLA breaches', 'Action items', 'Retrospectives', 'Data quality', 'Definitions'] as const;

export interface ChartImage {
  png: Buffer;
  width: number;
  height: number;
  /** Alternative text: what the chart shows. */
  description: string;
}

export interface WorkbookContent {
  figures: MonthlyReportFigures;
  calendar: BusinessCalendar;
  charts: readonly ChartImage[];
  incidents: AsyncIterable<IncidentReportRow>;
  slaBreaches: AsyncIterable<SlaBreachRow>;
  openActionItems: AsyncIterable<ActionItemReportRow>;
  doneActionItems: AsyncIterable<ActionItemReportRow>;
  retrospectives: AsyncIterable<RetroReportRow>;
  dataQuality: AsyncIterable<DataQualityIncident>;
  /** A regenerated version: what moved since the month's previous completed version (a block on the Summary sheet). */
  moved?: { version: number; diff: FiguresDiff };
  /** Called after each sheet and every 1,000 rows of a list. */
  onProgress?: (progress: { sheet: string; rows: number }) => void;
}

// ---- formats and styles ------------------------------------------------------------------------------

const DATE_TIME = 'yyyy-mm-dd hh:mm';
const DURATION = '[h]:mm';
const PERCENT = '0.0%';
const INTEGER = '#,##0';
const HOURS = '#,##0.0';

/** Calibri, or a sans-serif in its place (LibreOffice without Calibri substitutes by family). */
const SANS: Partial<Font> = { name: 'Calibri', family: 2, size: 11 };
const TITLE_FONT: Partial<Font> = { ...SANS, bold: true, size: 16, color: { argb: 'FF1F2933' } };
const HEADER_FONT: Partial<Font> = { ...SANS, bold: true, color: { argb: 'FFFFFFFF' } };
const HEADER_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF3E4C59' } };
const SECTION_FONT: Partial<Font> = { ...SANS, bold: true, color: { argb: 'FF1F2933' } };
const SECTION_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE4E7EB' } };
const NOTE_FONT: Partial<Font> = { ...SANS, italic: true, color: { argb: 'FF52606D' } };
const WRAP: Partial<Alignment> = { wrapText: true, vertical: 'top' };
const BREACH_FILL: Fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } };
const BREACH_FONT: Partial<Font> = { ...SANS, color: { argb: 'FF9C0006' } };

const SLA_WORDS: Record<SlaKind, string> = { ack: 'time to acknowledge', mitigate: 'time to mitigate', resolve: 'time to resolve' };
const SLA_STATE_TEXT: Record<SlaState, string> = {
  breached: 'breached',
  open: 'open breach',
  met: 'met',
  pending: 'pending',
  'no-target': 'no target',
  excluded: 'not judged (excluded)',
  missing: 'not judged (missing)',
  order: 'not judged (order)',
};
const METRIC_LABEL: Record<MetricName, string> = {
  ttd: 'TTD time to detect',
  tta: 'TTA time to acknowledge',
  tte: 'TTE time to engage',
  ttm: 'TTM time to mitigate',
  ttr: 'TTR time to resolve',
  ttRetro: 'Time to retro (business hours)',
};

/** Printed (and converted to PDF) on A4, one page wide, as many pages down as it takes. */
const pageSetup = (orientation: 'portrait' | 'landscape', pagesWide = 1): Partial<ExcelJS.PageSetup> => ({
  paperSize: 9,
  orientation,
  fitToPage: true,
  fitToWidth: pagesWide,
  fitToHeight: 0,
  margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
});

interface Column<T> {
  header: string;
  width: number;
  value: (row: T) => ExcelJS.CellValue;
  numFmt?: string;
  wrap?: boolean;
}

// ---- the writer --------------------------------------------------------------------------------------

/** Writes the workbook to `path` (which it creates or overwrites). */
export async function writeMonthlyWorkbook(path: string, content: WorkbookContent): Promise<void> {
  // The file stream is ours, so that a failure part-way can close it before the caller removes the file.
  const file = createWriteStream(path);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: file, useStyles: true, useSharedStrings: true });
  try {
    await writeSheets(workbook, content);
  } catch (error) {
    (workbook as unknown as { zip: { abort(): void } }).zip.abort();
    if (!file.closed) await new Promise<void>((resolve) => file.once('close', () => resolve()).destroy());
    throw error;
  }
}

async function writeSheets(workbook: ExcelJS.stream.xlsx.WorkbookWriter, content: WorkbookContent): Promise<void> {
  const { figures } = content;
  workbook.creator = 'Hindsight';
  workbook.created = new Date(figures.generatedAt);
  const zone = figures.timeZone;
  const progress = content.onProgress ?? (() => {});

  writeSummary(workbook.addWorksheet('Summary', { views: [{ showGridLines: false }], properties: { tabColor: { argb: 'FF3E4C59' } }, pageSetup: pageSetup('landscape') }), figures, content.moved);
  progress({ sheet: 'Summary', rows: 0 });

  const trends = workbook.addWorksheet('Trends', { views: [{ showGridLines: false }], pageSetup: pageSetup('portrait') });
  writeTrends(workbook, trends, figures, content.charts);
  progress({ sheet: `Trends (${content.charts.length} charts)`, rows: 0 });

  const local = excelLocalTimeIn(zone);
  const title = (sheet: string) => `${sheet} — ${figures.label} (times in ${zone})`;

  const incidentColumns: Column<IncidentReportRow>[] = [
    { header: 'Key', width: 15, value: (r) => cellText(r.key) },
    { header: 'Title', width: 48, value: (r) => cellText(r.title) },
    { header: 'Severity (peak)', width: 10, value: (r) => cellText(r.severity) },
    { header: 'Severity (now)', width: 10, value: (r) => cellText(r.currentSeverity) },
    { header: 'Services', width: 26, value: (r) => cellList(r.services) },
    { header: 'Team', width: 18, value: (r) => cellText(r.team) },
    { header: 'Source', width: 12, value: (r) => cellText(r.source) },
    ...(
      [
        ['Started', 'startedAt'], ['Detected', 'detectedAt'], ['Acknowledged', 'acknowledgedAt'], ['Investigating', 'investigatingAt'], ['Identified', 'identifiedAt'],
        ['Mitigated', 'mitigatedAt'], ['Resolved', 'resolvedAt'], ['Retro prep', 'retroPrepAt'], ['Retro done', 'retroDoneAt'],
      ] as const
    ).map(([header, field]): Column<IncidentReportRow> => ({ header, width: 17, numFmt: DATE_TIME, value: (r) => local(r[field]) })),
    ...(['ttd', 'tta', 'tte', 'ttm', 'ttr'] as const).map((metric): Column<IncidentReportRow> => ({
      header: `${METRIC_TEXT[metric].abbreviation} [h]:mm`, width: 11, numFmt: DURATION, value: (r) => excelDuration(r[metric]),
    })),
    { header: 'Time to retro (business h)', width: 13, numFmt: HOURS, value: (r) => hours(r.ttRetro) },
    ...SLA_KINDS.map((kind): Column<IncidentReportRow> => ({ header: `SLA ${SLA_WORDS[kind]}`, width: 19, value: (r) => SLA_STATE_TEXT[r.sla[kind]] ?? null })),
    { header: 'Retro', width: 11, value: (r) => r.retroStatus },
    { header: 'Excluded from metrics', width: 22, value: (r) => (r.excludedFromMetrics ? cellText(`yes${r.exclusionReason ? `: ${r.exclusionReason}` : ''}`) : 'no') },
    { header: 'Milestones out of order', width: 12, value: (r) => (r.orderViolation ? 'yes' : 'no') },
    { header: 'Left out of', width: 34, value: (r) => leftOutText(r) },
  ];
  const incidentRows = await writeList(workbook, 'Incidents', title('Incidents'), 'Every incident that started in the month. Durations as [h]:mm; time to retro in business hours. Red: an SLA target breached, or open past its deadline.', incidentColumns, content.incidents, progress, {
    emptyText: `No incidents started in ${figures.label}.`,
    // 29 columns: three landscape pages wide when printed, at a readable size.
    pagesWide: 3,
    highlight: SLA_KINDS.map((_, i) => ({ column: incidentColumns.length - 4 - SLA_KINDS.length + i + 1, texts: ['breach'] })),
  });

  const breachColumns: Column<SlaBreachRow>[] = [
    { header: 'Key', width: 15, value: (r) => cellText(r.key) },
    { header: 'Title', width: 48, value: (r) => cellText(r.title) },
    { header: 'Severity', width: 10, value: (r) => cellText(r.severity) },
    { header: 'Team', width: 18, value: (r) => cellText(r.team) },
    { header: 'Target', width: 20, value: (r) => SLA_WORDS[r.kind] },
    { header: 'State', width: 13, value: (r) => SLA_STATE_TEXT[r.state] },
    { header: 'Target [h]:mm', width: 12, numFmt: DURATION, value: (r) => excelDuration(r.targetSeconds) },
    { header: 'Actual [h]:mm', width: 12, numFmt: DURATION, value: (r) => excelDuration(r.actualSeconds) },
    { header: 'Over by [h]:mm', width: 12, numFmt: DURATION, value: (r) => excelDuration(r.overBySeconds) },
    { header: 'Deadline', width: 17, numFmt: DATE_TIME, value: (r) => local(r.deadline) },
  ];
  await writeList(workbook, 'SLA breaches', title('SLA breaches'), 'SLA targets breached by incidents of the month, and targets still open past their deadline when the report was generated.', breachColumns, content.slaBreaches, progress, {
    emptyText: incidentRows === 0 ? `No incidents started in ${figures.label}.` : 'No SLA target was breached.',
    highlight: [{ column: 6, texts: ['breach'] }],
  });

  await writeActionItems(workbook, figures, content, progress);
  await writeRetrospectives(workbook, figures, content, progress);
  await writeDataQuality(workbook, figures, content, progress);
  writeDefinitions(workbook.addWorksheet('Definitions', { pageSetup: pageSetup('landscape') }), figures, content.calendar);
  progress({ sheet: 'Definitions', rows: 0 });
  await workbook.commit();
}

function leftOutText(row: IncidentReportRow): string | null {
  const parts = (Object.entries(row.leftOut) as [MetricName, string | null][]).filter(([, reason]) => reason !== null).map(([metric, reason]) => `${metric === 'ttRetro' ? 'time to retro' : METRIC_TEXT[metric].abbreviation} (${reason})`);
  return parts.length > 0 ? parts.join(', ') : null;
}

/** A title row, a note row, a header row (frozen, filtered), then the rows as they come; the row count. */
async function writeList<T>(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  title: string,
  note: string,
  columns: readonly Column<T>[],
  rows: AsyncIterable<T>,
  progress: NonNullable<WorkbookContent['onProgress']>,
  options: { emptyText: string; highlight?: { column: number; texts: string[] }[]; sheet?: Worksheet; startRow?: number; keepOpen?: boolean; pagesWide?: number },
): Promise<number> {
  const startRow = options.startRow ?? 1;
  // The first rows are read ahead to fit the text columns' widths (a streamed sheet fixes its widths before its first row).
  const iterator = rows[Symbol.asyncIterator]();
  const ahead: T[] = [];
  for (let next = await iterator.next(); ; next = await iterator.next()) {
    if (next.done) break;
    ahead.push(next.value);
    if (ahead.length === FIT_SAMPLE) break;
  }
  const sheet = options.sheet ?? workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: startRow + 2, xSplit: 1 }], pageSetup: pageSetup('landscape', options.pagesWide) });
  if (!options.sheet) {
    sheet.columns = columns.map((c) => ({
      // Text columns fit their header and the rows read ahead, up to the column's width; numbers and dates keep theirs.
      width: c.numFmt || ahead.length === 0 ? c.width : fittedWidth(c.header, ahead.map((row) => textOf(c.value(row))), 8, c.width),
      style: c.numFmt ? { numFmt: c.numFmt } : {},
    }));
  }
  const titleRow = sheet.getRow(startRow);
  titleRow.getCell(1).value = title;
  titleRow.getCell(1).font = options.sheet ? SECTION_FONT : TITLE_FONT;
  titleRow.commit();
  const noteRow = sheet.getRow(startRow + 1);
  noteRow.getCell(1).value = note;
  noteRow.getCell(1).font = NOTE_FONT;
  noteRow.commit();
  const header = sheet.getRow(startRow + 2);
  columns.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.value = column.header;
    cell.font = HEADER_FONT;
    cell.fill = HEADER_FILL;
    cell.alignment = { wrapText: true, vertical: 'middle' };
  });
  header.height = 30;
  header.commit();
  let count = 0;
  const all = async function* (): AsyncGenerator<T> {
    yield* ahead;
    if (ahead.length < FIT_SAMPLE) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  };
  // A cell's style depends only on its column and the type of its value: one style object for each, shared by
  // the cells. ExcelJS's writer turns every style object it has not seen before into XML to find its index, and
  // a new cell's own style object is always new.
  const styles = columns.map(() => new Map<ExcelJS.ValueType, Partial<ExcelJS.Style>>());
  for await (const item of all()) {
    const row = sheet.getRow(startRow + 3 + count);
    columns.forEach((column, i) => {
      const cell = row.getCell(i + 1);
      cell.value = column.value(item);
      const shared = styles[i].get(cell.type);
      if (shared) {
        cell.style = shared;
      } else {
        if (column.numFmt) cell.numFmt = column.numFmt;
        if (column.wrap) cell.alignment = WRAP;
        styles[i].set(cell.type, cell.style);
      }
    });
    row.commit();
    count += 1;
    if (count % 1000 === 0) progress({ sheet: name, rows: count });
  }
  const last = startRow + 2 + count;
  if (count === 0) {
    const row = sheet.getRow(startRow + 3);
    row.getCell(1).value = options.emptyText;
    row.getCell(1).font = NOTE_FONT;
    row.commit();
  } else if (!options.sheet) {
    sheet.autoFilter = { from: { row: startRow + 2, column: 1 }, to: { row: last, column: columns.length } };
  }
  for (const { column, texts } of options.highlight ?? []) {
    if (count === 0) break;
    const ref = `${columnLetter(column)}${startRow + 3}:${columnLetter(column)}${last}`;
    sheet.addConditionalFormatting({
      ref,
      // An expression rule: ExcelJS writes `containsText` without its `text` attribute, which LibreOffice then ignores.
      rules: texts.map((text, i) => ({
        type: 'expression',
        formulae: [`ISNUMBER(SEARCH("${text}",${columnLetter(column)}${startRow + 3}))`],
        priority: i + 1,
        style: { fill: BREACH_FILL, font: BREACH_FONT },
      })),
    });
  }
  if (!options.keepOpen) {
    sheet.commit();
    progress({ sheet: name, rows: count });
  }
  return count;
}

/** Rows read ahead of a list to fit its text columns. */
const FIT_SAMPLE = 500;

/** The text of a text column's cell (the columns measured hold strings or nothing). */
const textOf = (value: ExcelJS.CellValue): string | null => (typeof value === 'string' ? value : null);

// ---- Summary ------------------------------------------------------------------------------------------

type FigureCell = { value: number | null; format: string };

const CHANGE_COLUMNS = 11;

function writeSummary(sheet: Worksheet, f: MonthlyReportFigures, moved?: WorkbookContent['moved']): void {
  sheet.columns = [{ width: 44 }, { width: 15 }, { width: 8 }, { width: 15 }, { width: 8 }, { width: 15 }, { width: 8 }, { width: 26 }, { width: 10 }, { width: 26 }, { width: 10 }];
  let r = 1;
  const put = (values: ExcelJS.CellValue[], style?: (row: ExcelJS.Row) => void, merge = false) => {
    const row = sheet.getRow(r++);
    values.forEach((value, i) => {
      if (value !== undefined) row.getCell(i + 1).value = value;
    });
    style?.(row);
    // Merged before the row is committed: the streaming writer cannot go back to it.
    if (merge) sheet.mergeCells(row.number, 1, row.number, CHANGE_COLUMNS);
    row.commit();
    return row;
  };
  put([`Hindsight monthly report — ${f.label}`], (row) => (row.getCell(1).font = TITLE_FONT));
  put([`Incidents that started in ${f.label}, in ${f.timeZone}. Generated ${localText(f.generatedAt, f.timeZone)}; data last changed ${f.dataLastChangedAt ? localText(f.dataLastChangedAt, f.timeZone) : 'never'} (${f.timeZone}).`], (row) => (row.getCell(1).font = NOTE_FONT));
  r += 1;
  put([f.summary], (row) => {
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    // About 1.1 characters of running text per unit of column width across the merged columns (1.18 measured in
    // LibreOffice; a little less, so that a wider font still fits), 14 pt a line.
    const charsPerLine = 1.1 * sheet.columns.slice(0, CHANGE_COLUMNS).reduce((sum, column) => sum + (column.width ?? 10), 0);
    row.height = Math.max(30, Math.ceil(f.summary.length / charsPerLine) * 14 + 4);
  }, true);
  r += 1;
  const section = (text: string) =>
    put([text], (row) => {
      for (let c = 1; c <= CHANGE_COLUMNS; c += 1) row.getCell(c).fill = SECTION_FILL;
      row.getCell(1).font = SECTION_FONT;
    });
  if (moved) {
    for (const line of movedLines(moved.version, moved.diff)) {
      if (line.kind === 'section') section(line.text);
      else if (line.kind === 'note') put([line.text], (row) => (row.getCell(1).font = NOTE_FONT));
      else put([line.figure, line.previous, undefined, line.current], (row) => [1, 2, 4].forEach((c) => (row.getCell(c).font = line.kind === 'header' ? SECTION_FONT : SANS)));
    }
    r += 1;
  }

  const periods: PeriodFigures[] = [f.current, f.previous, f.lastYear];
  put(['Figure', f.current.label, 'n', f.previous.label, 'n', f.lastYear.label, 'n', `Change vs ${f.previous.label}`, 'p', `Change vs ${f.lastYear.label}`, 'p'], (row) => {
    row.eachCell((cell, column) => {
      cell.font = HEADER_FONT;
      cell.fill = HEADER_FILL;
      cell.alignment = { wrapText: true, vertical: 'middle', horizontal: column === 1 ? 'left' : column === 8 || column === 10 ? 'center' : 'right' };
    });
    row.height = 30;
  });
  const labelChange = (row: ExcelJS.Row, column: number, change: ChangeFigure) => {
    row.getCell(column).value = change.verdict;
    row.getCell(column).alignment = { horizontal: 'center' };
    if (change.verdict === 'improved') row.getCell(column).font = { ...SANS, color: { argb: 'FF006100' }, bold: true };
    if (change.verdict === 'regressed') row.getCell(column).font = { ...SANS, color: { argb: 'FF9C0006' }, bold: true };
    row.getCell(column + 1).value = change.pValue;
    row.getCell(column + 1).numFmt = '0.000';
  };
  const figureRow = (label: string, cells: (p: PeriodFigures) => FigureCell, n?: (p: PeriodFigures) => number | null, change?: ChangeFigure, yearOverYear?: ChangeFigure) =>
    put([label], (row) => {
      periods.forEach((p, i) => {
        const cell = cells(p);
        const valueCell = row.getCell(2 + i * 2);
        valueCell.value = cell.value ?? '–';
        valueCell.numFmt = cell.format;
        if (cell.value === null) valueCell.alignment = { horizontal: 'right' };
        if (n) {
          const nCell = row.getCell(3 + i * 2);
          nCell.value = n(p);
          nCell.numFmt = INTEGER;
          nCell.font = NOTE_FONT;
        }
      });
      if (change) labelChange(row, 8, change);
      if (yearOverYear) labelChange(row, 10, yearOverYear);
    });

  section('Incidents (by highest severity; excluded ones included)');
  figureRow('All incidents', (p) => ({ value: p.incidents, format: INTEGER }));
  f.severities.forEach(({ severity, name }, i) => figureRow(`  ${severity} ${name}`, (p) => ({ value: p.bySeverity[i]?.incidents ?? 0, format: INTEGER })));
  figureRow('  of which excluded from metrics', (p) => ({ value: p.excluded, format: INTEGER }));

  section('Durations: median and 90th percentile ([h]:mm; n = incidents measured)');
  const change = (metric: MetricName) => f.changes.find((c) => c.metric === metric);
  const yearOverYear = (metric: MetricName) => f.yearOverYear?.find((c) => c.metric === metric);
  for (const metric of ['ttd', 'tta', 'tte', 'ttm', 'ttr', 'ttRetro'] as const) {
    const d = (p: PeriodFigures): DurationFigure => p.durations[metric];
    const format = DURATION;
    figureRow(`${METRIC_LABEL[metric]}: median`, (p) => ({ value: excelDuration(d(p).median), format }), (p) => d(p).n, change(metric), yearOverYear(metric));
    figureRow(`${METRIC_LABEL[metric]}: p90`, (p) => ({ value: excelDuration(d(p).p90), format }), (p) => d(p).n);
  }

  section('SLA breach rate (breached of those measured against the target; n = measured)');
  for (const kind of SLA_KINDS) {
    const rate = (r: RateFigure): FigureCell => ({ value: r.rate, format: PERCENT });
    figureRow(`All severities: ${SLA_WORDS[kind]}`, (p) => rate(p.sla[kind]), (p) => p.sla[kind].n);
    f.severities.forEach(({ severity }, i) => figureRow(`  ${severity}: ${SLA_WORDS[kind]}`, (p) => rate(p.slaBySeverity[i].sla[kind]), (p) => p.slaBySeverity[i].sla[kind].n));
  }
  figureRow('Open breaches at generation (any target)', (p) => ({ value: SLA_KINDS.reduce((sum, k) => sum + p.sla[k].open, 0), format: INTEGER }));

  section('Retrospectives');
  figureRow('Resolved incidents with a retrospective', (p) => ({ value: p.retros.share, format: PERCENT }), (p) => p.retros.resolved);
  figureRow('  held on time (of those judged)', (p) => ({ value: p.retros.onTimeShare, format: PERCENT }), (p) => p.retros.judged);
  figureRow('  overdue at generation', (p) => ({ value: p.retros.overdue, format: INTEGER }));

  section('Action items');
  figureRow('Opened in the month', (p) => ({ value: p.actionItems.opened, format: INTEGER }));
  figureRow('Closed (done) in the month', (p) => ({ value: p.actionItems.closedInMonth, format: INTEGER }));
  figureRow('Opened in the month and overdue at generation', (p) => ({ value: p.actionItems.overdue, format: INTEGER }));
  figureRow('Opened in the month, done on time (of those judged)', (p) => ({ value: p.actionItems.onTimeShare, format: PERCENT }), (p) => p.actionItems.doneJudged);

  section('Communication');
  figureRow('Status-update cadence adherence (share of open time covered)', (p) => ({ value: p.comms.share, format: PERCENT }), (p) => p.comms.n);

  r += 1;
  put([`Changes: ${f.changeTest.method} "Too few incidents to tell" where either month has fewer than ${f.changeTest.minSampleSize} values. ${f.yearOverYear ? `Against ${f.lastYear.label}: the same test on the two months' values.` : `The same month last year is shown for reference, without a test.`}`], (row) => {
    row.getCell(1).font = NOTE_FONT;
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    row.height = 60;
  }, true);
  sheet.commit();
}

function localText(iso: string, zone: string): string {
  const local = excelLocalTime(new Date(iso), zone)!;
  return local.toISOString().slice(0, 16).replace('T', ' ');
}

// ---- Trends -------------------------------------------------------------------------------------------

const ROW_PIXELS = 20;

function writeTrends(workbook: ExcelJS.stream.xlsx.WorkbookWriter, sheet: Worksheet, f: MonthlyReportFigures, charts: readonly ChartImage[]): void {
  const title = sheet.getRow(1);
  title.getCell(1).value = `Trends — the twelve months to ${f.label} (${f.timeZone})`;
  title.getCell(1).font = TITLE_FONT;
  title.commit();
  const note = sheet.getRow(2);
  note.getCell(1).value = 'Per month of incident start. Medians and 90th percentiles per severity; a gap where no incident was measured. The figures are on the Summary sheet and from GET /api/v1/metrics.';
  note.getCell(1).font = NOTE_FONT;
  note.commit();
  let row = 3;
  const placements = charts.map((chart, i) => {
    const placement = { imageId: workbook.addImage({ buffer: chart.png as unknown as ExcelJS.Buffer, extension: 'png' }), col: 0, row, width: chart.width, height: chart.height, description: chart.description };
    row += Math.ceil(chart.height / ROW_PIXELS) + 1;
    // Two charts to a printed page: a page break after every second one.
    if (i % 2 === 1 && i < charts.length - 1) {
      const last = sheet.getRow(row - 1);
      last.addPageBreak();
      last.commit();
    }
    return placement;
  });
  placePictures(workbook, sheet, placements);
  sheet.commit();
}

// ---- Action items, Retrospectives, Data quality, Definitions ------------------------------------------

async function writeActionItems(workbook: ExcelJS.stream.xlsx.WorkbookWriter, f: MonthlyReportFigures, content: WorkbookContent, progress: NonNullable<WorkbookContent['onProgress']>): Promise<void> {
  const zone = f.timeZone;
  const local = excelLocalTimeIn(zone);
  const columns = (ageHeader: string): Column<ActionItemReportRow>[] => [
    { header: 'Incident', width: 15, value: (r) => cellText(r.incidentKey) },
    { header: 'Action item', width: 48, value: (r) => cellText(r.title) },
    { header: 'Owner', width: 18, value: (r) => cellText(r.owner) },
    { header: 'Team', width: 18, value: (r) => cellText(r.team) },
    { header: 'Priority', width: 10, value: (r) => cellText(r.priority) },
    { header: 'Status', width: 12, value: (r) => r.status.replace('_', ' ') },
    { header: 'Due', width: 12, numFmt: 'yyyy-mm-dd', value: (r) => (r.dueDate ? new Date(`${r.dueDate}T00:00:00Z`) : null) },
    { header: 'Overdue', width: 9, value: (r) => (r.overdue ? 'overdue' : null) },
    { header: 'Created', width: 17, numFmt: DATE_TIME, value: (r) => local(r.createdAt) },
    { header: 'Completed', width: 17, numFmt: DATE_TIME, value: (r) => local(r.completedAt) },
    { header: ageHeader, width: 10, numFmt: INTEGER, value: (r) => r.ageDays },
    { header: 'Link', width: 30, value: (r) => cellText(r.externalUrl) },
  ];
  const sheet = workbook.addWorksheet('Action items', { views: [{ state: 'frozen', ySplit: 3, xSplit: 1 }], pageSetup: pageSetup('landscape') });
  sheet.columns = columns('').map((c) => ({ width: c.width }));
  const open = await writeList(workbook, 'Action items (open)', `Action items open at generation, any month (times in ${zone})`, 'Open or in progress when the report was generated, oldest first; age in days since creation. Red: past its due date.', columns('Age (days)'), content.openActionItems, progress, {
    emptyText: 'No action item is open.',
    sheet,
    startRow: 1,
    keepOpen: true,
    highlight: [{ column: 8, texts: ['overdue'] }],
  });
  const doneStart = 1 + 3 + Math.max(open, 1) + 2;
  await writeList(workbook, 'Action items (done)', `Action items done in ${f.label}`, 'Completed in the month, whatever month their incident started; days from creation to completion.', columns('Days to close'), content.doneActionItems, progress, {
    emptyText: `No action item was done in ${f.label}.`,
    sheet,
    startRow: doneStart,
    keepOpen: true,
  });
  sheet.commit();
  progress({ sheet: 'Action items', rows: open });
}

const TIMING_TEXT: Record<string, string> = {
  'on-time': 'on time',
  late: 'late',
  'no-target': 'no target',
  order: 'before resolution (order)',
  overdue: 'overdue',
  'not-yet-due': 'not yet due',
};

async function writeRetrospectives(workbook: ExcelJS.stream.xlsx.WorkbookWriter, f: MonthlyReportFigures, content: WorkbookContent, progress: NonNullable<WorkbookContent['onProgress']>): Promise<void> {
  const zone = f.timeZone;
  const local = excelLocalTimeIn(zone);
  // Two columns show a row's hints: found once per row (the rules about its people built once for its answers).
  let hinted: { row: RetroReportRow; phrases: string[] } | null = null;
  const hints = (r: RetroReportRow): string[] => {
    if (hinted?.row !== r) {
      const find = blameHintFinder([...r.attendees, ...(r.facilitator ? [r.facilitator] : [])]);
      hinted = { row: r, phrases: r.answers.flatMap((answer) => find(answer)).map((hint) => hint.phrase) };
    }
    return hinted.phrases;
  };
  const columns: Column<RetroReportRow>[] = [
    { header: 'Key', width: 15, value: (r) => cellText(r.key) },
    { header: 'Title', width: 48, value: (r) => cellText(r.title) },
    { header: 'Severity', width: 10, value: (r) => cellText(r.severity) },
    { header: 'Team', width: 18, value: (r) => cellText(r.team) },
    { header: 'Resolved', width: 17, numFmt: DATE_TIME, value: (r) => local(r.resolvedAt) },
    { header: 'Retrospective', width: 13, value: (r) => r.status },
    { header: 'Held', width: 17, numFmt: DATE_TIME, value: (r) => local(r.heldAt) },
    { header: 'Timing', width: 16, value: (r) => (r.timing ? TIMING_TEXT[r.timing] ?? r.timing : null) },
    { header: 'Due within (business h)', width: 12, numFmt: INTEGER, value: (r) => r.dueBusinessHours },
    { header: 'Took (business h)', width: 12, numFmt: HOURS, value: (r) => hours(r.businessSeconds) },
    { header: 'Facilitator', width: 18, value: (r) => cellText(r.facilitator) },
    { header: 'Attendees', width: 10, numFmt: INTEGER, value: (r) => r.attendees.length },
    { header: 'Action items', width: 10, numFmt: INTEGER, value: (r) => r.actionItems },
    { header: 'Blame-language hints', width: 10, numFmt: INTEGER, value: (r) => hints(r).length },
    { header: 'Phrases flagged', width: 40, value: (r) => cellList([...new Set(hints(r))]) },
  ];
  await writeList(workbook, 'Retrospectives', `Retrospectives — incidents of ${f.label} (times in ${zone})`, 'Resolved incidents of the month and any with a retrospective. Timing as GET /api/v1/metrics/retros judges it; blame-language hints are hints, never a verdict.', columns, content.retrospectives, progress, {
    emptyText: `No incident of ${f.label} was resolved.`,
    pagesWide: 2,
    highlight: [{ column: 8, texts: ['late', 'overdue'] }],
  });
}

async function writeDataQuality(workbook: ExcelJS.stream.xlsx.WorkbookWriter, f: MonthlyReportFigures, content: WorkbookContent, progress: NonNullable<WorkbookContent['onProgress']>): Promise<void> {
  const sheet = workbook.addWorksheet('Data quality', { views: [{ state: 'frozen', ySplit: 3 }], pageSetup: pageSetup('landscape') });
  sheet.columns = [{ width: 30 }, { width: 17 }, { width: 12 }, { width: 12 }, { width: 14 }, { width: 40 }, { width: 50 }];
  const byMetric = f.current.dataQuality.byMetric;
  const localStarted = excelLocalTimeIn(f.timeZone);
  let r = 1;
  const put = (values: ExcelJS.CellValue[], style?: (row: ExcelJS.Row) => void) => {
    const row = sheet.getRow(r++);
    values.forEach((value, i) => (row.getCell(i + 1).value = value));
    style?.(row);
    row.commit();
  };
  const header = (row: ExcelJS.Row) =>
    row.eachCell((cell) => {
      cell.font = HEADER_FONT;
      cell.fill = HEADER_FILL;
    });
  put([`Data quality — ${f.label}`], (row) => (row.getCell(1).font = TITLE_FONT));
  put([`Which of the month's ${f.current.incidents} incidents each metric counts, and why the others are left out (as GET /api/v1/metrics/data-quality).`], (row) => (row.getCell(1).font = NOTE_FONT));
  put(['Metric', 'Counted', 'Excluded', 'Missing', 'Order'], header);
  for (const metric of ['ttd', 'tta', 'tte', 'ttm', 'ttr', 'ttRetro'] as const) {
    const m = byMetric[metric];
    put([METRIC_LABEL[metric], m.counted, m.excluded, m.missing, m.order]);
  }
  put([`Incidents with milestones out of order: ${f.current.dataQuality.outOfOrder}`], (row) => (row.getCell(1).font = NOTE_FONT));
  r += 1;
  const columns: Column<DataQualityIncident>[] = [
    { header: 'Key', width: 30, value: (i) => cellText(i.key) },
    { header: 'Started', width: 12, numFmt: DATE_TIME, value: (i) => localStarted(i.startedAt) },
    { header: 'Excluded', width: 12, value: (i) => (i.excludedFromMetrics ? 'yes' : 'no') },
    { header: 'Out of order', width: 12, value: (i) => (i.orderViolation ? 'yes' : 'no') },
    { header: 'Reason given', width: 12, value: (i) => cellText(i.exclusionReason) },
    {
      header: 'Left out of (reason)',
      width: 40,
      value: (i) => cellList(Object.entries(i.leftOutOf).map(([metric, reason]) => `${metric === 'ttRetro' ? 'time to retro' : METRIC_TEXT[metric as keyof typeof METRIC_TEXT].abbreviation} (${reason})`)),
    },
    {
      header: 'Milestones out of order',
      width: 50,
      value: (i) => cellList(i.outOfOrderPairs.map((pair) => `${pair.later.field} before ${pair.earlier.field}`)),
    },
  ];
  await writeList(workbook, 'Data quality', 'Incidents left out of a metric, and why', 'Excluded (game days, drills), a milestone missing, or an interval whose end is before its start; and every incident with milestones out of order.', columns, content.dataQuality, progress, {
    emptyText: 'Every incident of the month counts in every metric.',
    sheet,
    startRow: r,
    keepOpen: true,
  });
  sheet.commit();
  progress({ sheet: 'Data quality', rows: 0 });
}

function writeDefinitions(sheet: Worksheet, f: MonthlyReportFigures, calendar: BusinessCalendar): void {
  sheet.columns = [{ width: 34 }, { width: 110 }];
  let r = 1;
  const put = (label: string, text: string, font?: Partial<Font>) => {
    const row = sheet.getRow(r++);
    row.getCell(1).value = label;
    row.getCell(1).font = font ?? { ...SANS, bold: true };
    row.getCell(1).alignment = { vertical: 'top' };
    row.getCell(2).value = text;
    row.getCell(2).alignment = WRAP;
    // Wrapped text needs its height set: a streamed row is not measured again when the file is opened.
    row.height = Math.ceil(text.length / 100) * 15 + 3;
    row.commit();
  };
  const title = sheet.getRow(r++);
  title.getCell(1).value = 'Definitions';
  title.getCell(1).font = TITLE_FONT;
  title.commit();
  put('Month', `${f.label}: incidents whose start (startedAt) is in [${localText(f.from, f.timeZone)}, ${localText(f.to, f.timeZone)}) ${f.timeZone}.`);
  put('Time zone', `${f.timeZone} (REPORT_TIMEZONE). Every date and time in this workbook is wall-clock time in this zone.`);
  put('Generated', `${localText(f.generatedAt, f.timeZone)} ${f.timeZone} (${f.generatedAt}). Open breaches, overdue items and ages are as of this moment.`);
  put('Data last changed', f.dataLastChangedAt ? `${localText(f.dataLastChangedAt, f.timeZone)} ${f.timeZone} (${f.dataLastChangedAt})` : 'No data.');
  const days = calendar.workingDays.map((d) => ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][d]).join(', ');
  const clock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  put('Business calendar', `${days}, ${clock(calendar.dayStartMinute)}–${clock(calendar.dayEndMinute)} ${calendar.timeZone}${calendar.holidays.length ? `; holidays ${calendar.holidays.join(', ')}` : '; no holidays'}. Time to retro and retro due dates count only this time.`);
  r += 1;
  for (const metric of INTERVAL_METRIC_KEYS) put(METRIC_LABEL[metric], `${METRIC_TEXT[metric].name}: ${METRIC_TEXT[metric].definition}. Each incident's interval, in seconds; shown as [h]:mm.`);
  put(METRIC_LABEL.ttRetro, 'From resolved to retro done, counted in business hours of the calendar above, for incidents with both milestones, in order, not excluded from metrics.');
  put('n, median, p90', 'n: incidents measured. Median and 90th percentile are continuous (linear interpolation, as PostgreSQL percentile_cont). The mean is not shown: incident durations are heavily skewed.');
  put('Left out', 'An incident is left out of a metric when it is excluded from metrics (game days, drills), a milestone of the interval is missing, or the interval ends before it starts (order). The Data quality sheet lists them.');
  put('SLA breach', "An interval longer than its peak severity's target: time to acknowledge (detected → acknowledged), to mitigate and to resolve (from the start). An open breach: the milestone is still missing after its deadline. Breach rate = breached / measured.");
  put('Retrospective on time', "Held within the peak severity's target of business hours after resolution; share of resolved incidents with a retrospective (retroDoneAt, or a submitted retrospective).");
  put('Action items', 'Opened: created in the month. Closed: done with a completion in the month. Overdue: open or in progress with a due date before the day of generation.');
  put('Comms cadence', "The share of open time (detected, else started, to resolved) covered by status updates within the severity's cadence.");
  put('Changes', f.changeTest.method);
  put('Severity', 'An incident counts under its highest severity (peak).');
  sheet.commit();
}
