import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { ChartConfiguration, ChartType } from 'chart.js';
import { Link } from 'react-router';
import { Chart } from './chart-registry';
import { chartTable, chartText } from '../lib/chart-table';

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
 * technology), the figures as a table behind "Show the figures", and the link to what it left out.
 */
export function ChartFigure({ config, dataQualityHref, leftOut, controls, rowHeading }: ChartFigureProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const headingId = useId();
  const { title, caption } = chartText(config);
  // Whether Chart.js has drawn this config on the canvas yet: data-state on the figure, for anything that waits
  // for the page to be complete (the browser test, `npm run bench -- web`).
  const [drawnConfig, setDrawnConfig] = useState<AnyChartConfig | null>(null);

  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, drawn(config, () => setDrawnConfig(config)));
    return () => chart.destroy();
  }, [config]);

  const table = chartTable(config, rowHeading);
  return (
    <section className="chart-card" aria-labelledby={headingId} data-state={drawnConfig === config ? 'drawn' : 'drawing'}>
      <h2 id={headingId}>{title}</h2>
      <p className="chart-caption">{caption}</p>
      {controls}
      <div className="chart-canvas">
        <canvas ref={canvas} role="img" aria-label={`${title}. ${caption} The figures are in the table below the chart.`} />
      </div>
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
}

/**
 * The definition as the browser draws it: fills its box, no animation, title and caption left to the page;
 * `onDrawn` once Chart.js has rendered it (its afterRender hook, the first time only).
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
      plugins: { ...plugins, title: { ...plugins.title, display: false }, subtitle: { ...plugins.subtitle, display: false } },
    },
  };
}
