/** The steps of a monthly report's generation, in order: the figures, the charts, then each sheet. */
export const REPORT_STEPS = ['figures', 'charts', 'Summary', 'Trends', 'Incidents', 'SLA breaches', 'Action items', 'Retrospectives', 'Data quality', 'Definitions'] as const;
export type ReportStep = (typeof REPORT_STEPS)[number];

/** Where a generation is: step `index` (1-based) of `steps`, and the rows written to that step's sheet so far. */
export interface ReportProgress {
  step: ReportStep;
  index: number;
  steps: number;
  rows: number;
  /** One line for logs: `Incidents: 12,000 rows`. */
  text: string;
}

/**
 * The progress the workbook writer reports (a sheet or list name, e.g. `Action items (open)`, `Trends (6 charts)`,
 * and its rows so far) as a step of REPORT_STEPS.
 */
export function reportProgress(name: string, rows = 0): ReportProgress {
  const step = REPORT_STEPS.find((candidate) => name === candidate || name.startsWith(`${candidate} `));
  if (!step) throw new Error(`unknown report step "${name}"`);
  return { step, index: REPORT_STEPS.indexOf(step) + 1, steps: REPORT_STEPS.length, rows, text: rows > 0 ? `${name}: ${rows.toLocaleString('en')} rows` : name };
}
