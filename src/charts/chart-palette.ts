/**
 * Colours for chart series, from the Okabe–Ito palette (told apart with the common colour-vision
 * deficiencies, and in greyscale print by the dash patterns the definitions add). Severities are coloured by
 * rank, most severe first, so SEV1 is the same vermillion in every chart, the report and the web app. Pure.
 */
const BY_RANK = ['#D55E00', '#E69F00', '#0072B2', '#009E73', '#CC79A7', '#56B4E9', '#F0E442', '#000000'] as const;

/** The colour of the severity at this position in rank order (0 = most severe); the palette repeats past eight. */
export function severityColour(rankIndex: number): string {
  return BY_RANK[((rankIndex % BY_RANK.length) + BY_RANK.length) % BY_RANK.length];
}

/** `#RRGGBB` with an alpha, as `rgba(…)`, for fills under a line or a bar's face. */
export function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** Neutral colours for axes, grid lines and a series that is not a severity (all incidents). */
export const NEUTRAL = { text: '#1F2933', grid: '#D9DEE3', all: '#3E4C59' } as const;
