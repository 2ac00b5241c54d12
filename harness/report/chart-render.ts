// Server-side Chart.js: renders a chart configuration to PNG bytes on @napi-rs/canvas.
// Chart.js picks its BasicPlatform when there is no DOM, so no browser shim is needed;
// animation and responsiveness are off so the first draw is the final picture.

import { createCanvas } from '@napi-rs/canvas';
import { Chart, registerables, type ChartConfiguration, type Plugin } from 'chart.js';

/**
 * A chart configuration as plain data. Chart.js' own generic types do not survive
 * exactOptionalPropertyTypes for mixed charts, so the builders use this and the renderer casts.
 */
export interface ChartSpec {
  readonly type: 'line' | 'bar' | 'scatter';
  readonly data: { readonly labels?: readonly string[]; readonly datasets: readonly Record<string, unknown>[] };
  readonly options?: Record<string, unknown>;
}

Chart.register(...registerables);
// DejaVu Sans ships with Debian (fonts-dejavu-core); Chart.js' default family list names none of
// the fonts @napi-rs/canvas finds there.
Chart.defaults.font.family = "'DejaVu Sans', 'Liberation Sans', Arial, sans-serif";
Chart.defaults.font.size = 14;
Chart.defaults.color = '#222';

export const CHART_WIDTH_PX = 1000;
export const CHART_HEIGHT_PX = 560;

const whiteBackground: Plugin = {
  id: 'whiteBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** A readable palette (Okabe–Ito, safe for colour-blind readers). */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'];

export function renderChart(config: ChartSpec, widthPx = CHART_WIDTH_PX, heightPx = CHART_HEIGHT_PX): Buffer {
  const canvas = createCanvas(widthPx, heightPx);
  const ctx = canvas.getContext('2d');
  const chart = new Chart(ctx as unknown as ConstructorParameters<typeof Chart>[0], {
    ...config,
    options: { ...config.options, responsive: false, animation: false, devicePixelRatio: 1 },
    plugins: [whiteBackground],
  } as unknown as ChartConfiguration);
  try {
    return canvas.toBuffer('image/png');
  } finally {
    chart.destroy();
  }
}
