import type { ChartConfiguration, ChartType } from 'chart.js';

/**
 * The text alternative of a chart definition: its title and caption, and its figures as a table (a row per
 * category, a column per series; the heatmap a row per weekday, a column per hour). Values as the chart draws
 * them, in the unit of its axis. Pure.
 */

type AnyChartConfig = ChartConfiguration<ChartType, unknown[], unknown>;

export interface ChartTable {
  /** The header of the row labels' column, with the unit. */
  corner: string;
  columns: string[];
  rows: { label: string; cells: string[] }[];
}

interface TextOptions { text?: string | string[] }

const words = (text: string | string[] | undefined) => (Array.isArray(text) ? text.join(' ') : (text ?? ''));

export function chartText(config: AnyChartConfig): { title: string; caption: string } {
  const plugins = (config.options?.plugins ?? {}) as { title?: TextOptions; subtitle?: TextOptions };
  return { title: words(plugins.title?.text), caption: words(plugins.subtitle?.text) };
}

const cell = (value: unknown) => (typeof value === 'number' || typeof value === 'string' ? String(value) : '–');

export function chartTable(config: AnyChartConfig, rowHeading = 'Month'): ChartTable {
  const datasets = config.data.datasets;
  if (config.type === 'matrix') {
    const points = (datasets[0]?.data ?? []) as { x: string; y: string; v: number }[];
    const columns = [...new Set(points.map((p) => p.x))];
    const rows = [...new Set(points.map((p) => p.y))];
    const value = new Map(points.map((p) => [`${p.y}|${p.x}`, p.v]));
    return { corner: 'Day \\ hour', columns, rows: rows.map((y) => ({ label: y, cells: columns.map((x) => cell(value.get(`${y}|${x}`))) })) };
  }
  const scales = (config.options?.scales ?? {}) as { y?: { title?: TextOptions } };
  const unit = words(scales.y?.title?.text);
  const labels = (config.data.labels ?? []).map(String);
  return {
    corner: unit ? `${rowHeading} (${unit})` : rowHeading,
    columns: datasets.map((d) => String(d.label ?? '')),
    rows: labels.map((label, i) => ({ label, cells: datasets.map((d) => cell(d.data[i])) })),
  };
}

/** One entry of a chart's legend, as the page draws it beside the canvas. */
export interface LegendItem {
  /** The dataset's index in the definition. */
  index: number;
  label: string;
  colour: string;
  /** A dashed line (the p90 of a duration trend). */
  dashed: boolean;
}

/**
 * The legend of a definition whose own legend is on (one entry per dataset, its colour and line style), or none.
 * The page draws it as buttons that hide and show a series, which a keyboard reaches, unlike Chart.js's canvas legend.
 */
export function legendItems(config: AnyChartConfig): LegendItem[] {
  const legend = config.options?.plugins?.legend;
  if (config.type === 'matrix' || legend?.display === false) return [];
  return config.data.datasets.map((dataset, index) => {
    const style = dataset as { borderColor?: unknown; backgroundColor?: unknown; borderDash?: unknown };
    const colour = [style.borderColor, style.backgroundColor].find((c): c is string => typeof c === 'string') ?? 'currentColor';
    return { index, label: String(dataset.label ?? ''), colour, dashed: Array.isArray(style.borderDash) && style.borderDash.length > 0 };
  });
}
