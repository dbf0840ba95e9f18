import { Injectable } from '@nestjs/common';
import type { ChartConfiguration, ChartType } from 'chart.js';
import { renderChartPng, type PngSize } from '../charts/chart-png.js';

/** Draws chart definitions to PNG (Chart.js on @napi-rs/canvas): injectable, so tests can swap the renderer. */
@Injectable()
export class ChartRenderer {
  render(config: ChartConfiguration<ChartType, unknown[], unknown>, size: PngSize): Promise<Buffer> {
    return renderChartPng(config, size);
  }
}
