import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { BoxAndWiskers, BoxPlotController } from '@sgratzl/chartjs-chart-boxplot';
import { Chart, registerables, type ChartConfiguration, type ChartType, type Plugin } from 'chart.js';

/**
 * Draws a chart definition (chart-definitions.ts) to a PNG on the server, for the monthly report: Chart.js on
 * @napi-rs/canvas (a prebuilt Skia binary: no system libraries), with the DejaVu Sans font shipped as a package
 * (dejavu-fonts-ttf) so labels render the same on a machine or in an image without fonts. No animation, a
 * device pixel ratio of 1 (unless asked for more) and a white background (a PNG is transparent otherwise).
 */

/** The family charts are drawn in: DejaVu Sans, registered under this name. */
export const CHART_FONT = 'Hindsight DejaVu Sans';

export interface PngSize {
  width: number;
  height: number;
  /** Pixels per CSS pixel: 2 gives a sharper image at twice the width and height. Default 1. */
  pixelRatio?: number;
}

let ready = false;

/** Registers Chart.js's parts, the box-plot plugin and the shipped font, once per process. */
function prepare(): void {
  if (ready) return;
  const font = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSans.ttf');
  // Under a name of our own and the regular face alone: with the machine's DejaVu installed too, or the bold face
  // registered under the same name, @napi-rs/canvas 1.2 draws every text bold. Bold titles are then emboldened by Skia.
  if (!GlobalFonts.registerFromPath(font, CHART_FONT)) throw new Error(`Could not load the chart font ${font}`);
  Chart.register(...registerables, BoxPlotController, BoxAndWiskers);
  Chart.defaults.font.family = CHART_FONT;
  ready = true;
}

const whiteBackground: Plugin = {
  id: 'hindsightWhiteBackground',
  beforeDraw(chart) {
    const { width, height } = chart;
    // Chart.js types its context as the DOM's; here it is Skia's (the DOM types are not in this build).
    const ctx = chart.ctx as unknown as SKRSContext2D;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#FFFFFF';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** The chart as PNG bytes, `size.width` × `size.height` CSS pixels. */
export async function renderChartPng(config: ChartConfiguration<ChartType, unknown[], unknown>, size: PngSize): Promise<Buffer> {
  prepare();
  const ratio = size.pixelRatio ?? 1;
  // Chart.js takes the canvas size as CSS pixels and multiplies it by the ratio itself.
  const canvas = createCanvas(size.width, size.height);
  const options = config.options ?? {};
  const chart = new Chart(canvas, {
    ...config,
    options: { ...options, responsive: false, animation: false, devicePixelRatio: ratio },
    plugins: [...(config.plugins ?? []), whiteBackground],
  });
  try {
    chart.draw();
    return await canvas.encode('png');
  } finally {
    chart.destroy();
  }
}
