import { loadImage, createCanvas } from '@napi-rs/canvas';
import { durationHistogramChart, durationTrendChart, incidentCountChart } from './chart-definitions.js';
import { renderChartPng } from './chart-png.js';

/** The PNG decoded: its size and how many pixels have each of the given colours (exactly, as Skia painted them). */
async function decode(png: Buffer, colours: string[]) {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  const wanted = colours.map((hex) => Number.parseInt(hex.slice(1), 16));
  const counts = colours.map(() => 0);
  let white = 0;
  for (let i = 0; i < data.length; i += 4) {
    const rgb = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    if (data[i + 3] !== 255) throw new Error(`pixel ${i / 4} is not opaque`);
    if (rgb === 0xffffff) white++;
    const at = wanted.indexOf(rgb);
    if (at !== -1) counts[at]++;
  }
  return { width: image.width, height: image.height, white, pixels: data.length / 4, counts };
}

const periods = ['Aug 2026', 'Sep 2026', 'Oct 2026'];

describe('renderChartPng', () => {
  it('draws an opaque PNG of the asked size with the series in their colours', async () => {
    const png = await renderChartPng(
      incidentCountChart({ periods, series: [{ label: 'SEV1', rankIndex: 0, counts: [2, 1, 3] }, { label: 'SEV2', rankIndex: 1, counts: [4, 0, 1] }] }),
      { width: 640, height: 320 },
    );
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const image = await decode(png, ['#D55E00', '#E69F00', '#0072B2']);
    expect([image.width, image.height]).toEqual([640, 320]);
    expect(image.counts[0]).toBeGreaterThan(500); // SEV1 bars
    expect(image.counts[1]).toBeGreaterThan(500); // SEV2 bars
    expect(image.counts[2]).toBe(0); // no third severity
    expect(image.white / image.pixels).toBeGreaterThan(0.5);
  });

  it('draws text: a chart with a title has dark pixels above the plot', async () => {
    const config = durationTrendChart({ metric: 'ttr', periods, series: [{ label: 'All', rankIndex: null, median: [3_600, 7_200, 5_400], p90: [9_000, 20_000, 12_000], n: [3, 3, 3] }] });
    const png = await renderChartPng(config, { width: 800, height: 400 });
    const image = await loadImage(png);
    const canvas = createCanvas(image.width, image.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    const top = ctx.getImageData(0, 0, 800, 30).data;
    let dark = 0;
    for (let i = 0; i < top.length; i += 4) if (top[i] < 100 && top[i + 1] < 100 && top[i + 2] < 100) dark++;
    expect(dark).toBeGreaterThan(200);
  });

  it('scales with the pixel ratio and draws an empty histogram', async () => {
    const png = await renderChartPng(durationHistogramChart({ metric: 'ttr', range: 'October 2026', seconds: [] }, { median: null, p90: null }), { width: 400, height: 200, pixelRatio: 2 });
    const image = await decode(png, []);
    expect([image.width, image.height]).toEqual([800, 400]);
  });
});
