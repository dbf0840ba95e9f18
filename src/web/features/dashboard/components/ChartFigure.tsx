import { memo, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ChartConfiguration, ChartType } from 'chart.js';
import { Link } from 'react-router';
import { Chart } from './chart-registry';
import { chartTable, chartText, legendItems } from '../lib/chart-table';

export type AnyChartConfig = ChartConfiguration<ChartType, unknown[], unknown>;

interface ChartFigureProps {
  /** From the shared chart definitions (src/charts/chart-definitions.ts); memoised by the caller. */
  config: AnyChartConfig;
  /** The data-quality list of what this figure left out, same filters. */
  dataQualityHref: string;
  /** Which incidents the figure leaves out, in words, beside the link. */
  leftOut: string;
  /** Controls shown above the chart (e.g. which SLA target). */
  controls?: ReactNode;
  /** What a row of the figures table is: a month unless said otherwise. */
  rowHeading?: string;
}

/**
 * One chart of the dashboard: its title and how it is computed as text, the canvas (named for assistive
 * technology), the figures as a table behind "Show the figures", and the link to what it left out. Memoised: the
 * page renders again as each of its answers comes in, and a chart whose own answer has not changed need not.
 */
export const ChartFigure = memo(function ChartFigure({ config, dataQualityHref, leftOut, controls, rowHeading }: ChartFigureProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const headingId = useId();
  const { title, caption } = chartText(config);
  // Whether Chart.js has drawn this config on the canvas yet: data-state on the figure, for anything that waits
  // for the page to be complete (the browser test, `npm run bench -- web`).
  const [drawnConfig, setDrawnConfig] = useState<AnyChartConfig | null>(null);
  const chart = useRef<Chart<ChartType, unknown[], unknown> | null>(null);
  const legend = useMemo(() => legendItems(config), [config]);
  // The series hidden with the legend, by label: they stay hidden when new figures for the same series come in.
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    if (!canvas.current) return;
    const drawing = new Chart(canvas.current, drawn(config, () => setDrawnConfig(config)));
    chart.current = drawing;
    return () => {
      chart.current = null;
      drawing.destroy();
    };
  }, [config]);

  useEffect(() => {
    const drawing = chart.current;
    if (!drawing) return;
    const changed = legend.filter((item) => drawing.isDatasetVisible(item.index) === hidden.has(item.label));
    for (const item of changed) drawing.setDatasetVisibility(item.index, !hidden.has(item.label));
    if (changed.length) drawing.update('none');
  }, [config, legend, hidden]);

  const toggle = (label: string) => setHidden((was) => (was.has(label) ? new Set([...was].filter((l) => l !== label)) : new Set([...was, label])));
  const table = useMemo(() => chartTable(config, rowHeading), [config, rowHeading]);
  return (
    <section className="chart-card" aria-labelledby={headingId} data-state={drawnConfig === config ? 'drawn' : 'drawing'}>
      <h2 id={headingId}>{title}</h2>
      <p className="chart-caption">{caption}</p>
      {controls}
      <div className="chart-canvas">
        <canvas ref={canvas} role="img" aria-label={`${title}. ${caption} The figures are in the table below the chart.`} />
      </div>
      {legend.length > 0 && (
        <ul className="chart-legend" aria-label={`Series of ${title}: press one to hide or show it`}>
          {legend.map((item) => (
            <li key={item.index}>
              <button type="button" className="chart-legend-item" aria-pressed={!hidden.has(item.label)} onClick={() => toggle(item.label)}>
                <span className={item.dashed ? 'chart-legend-swatch chart-legend-dashed' : 'chart-legend-swatch'} style={{ borderColor: item.colour }} aria-hidden="true" />
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
      <details className="chart-data">
        <summary>Show the figures</summary>
        <div className="table-scroll">
          <table className="table table-compact">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{table.corner}</th>
                {table.columns.map((column) => (
                  <th scope="col" key={column}>{column}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row) => (
                <tr key={row.label}>
                  <th scope="row">{row.label}</th>
                  {row.cells.map((cell, i) => (
                    <td key={table.columns[i]}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <p className="chart-left-out">
        {leftOut} <Link to={dataQualityHref}>See what it left out</Link>
      </p>
    </section>
  );
});

/**
 * The definition as the browser draws it: fills its box, no animation, title, caption and legend left to the page
 * (the legend as buttons a keyboard reaches); `onDrawn` once Chart.js has rendered it (its afterRender hook, the
 * first time only).
 */
function drawn(config: AnyChartConfig, onDrawn: () => void): AnyChartConfig {
  const plugins = config.options?.plugins ?? {};
  let told = false;
  const drawnHook = { id: 'drawn-state', afterRender: () => { if (!told) { told = true; onDrawn(); } } };
  return {
    ...config,
    plugins: [...(config.plugins ?? []), drawnHook],
    options: {
      ...config.options,
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { ...plugins, title: { ...plugins.title, display: false }, subtitle: { ...plugins.subtitle, display: false }, legend: { ...plugins.legend, display: false } },
    },
  };
}
