/**
 * How a chart shows durations stored in seconds: one unit for a whole axis, chosen from the largest value, so
 * that an axis reads "hours" or "minutes" rather than 86,400-second steps. Pure; shared by the report's PNG
 * charts and the web app.
 */
export interface DurationScale {
  unit: 'seconds' | 'minutes' | 'hours' | 'days';
  /** Seconds per unit. */
  seconds: number;
}

const SCALES: readonly DurationScale[] = [
  { unit: 'days', seconds: 86_400 },
  { unit: 'hours', seconds: 3_600 },
  { unit: 'minutes', seconds: 60 },
  { unit: 'seconds', seconds: 1 },
];

/** The largest unit in which the largest value is at least 2 (7,200 s → hours; 5,400 s → minutes). Nulls are ignored. */
export function durationScale(values: Iterable<number | null>): DurationScale {
  let largest = 0;
  for (const value of values) if (value !== null && Number.isFinite(value) && Math.abs(value) > largest) largest = Math.abs(value);
  return SCALES.find((scale) => largest >= 2 * scale.seconds) ?? SCALES[SCALES.length - 1];
}

/** Seconds in the scale's unit, rounded to two decimals (a chart point, not a figure to quote); null stays null. */
export function inScale(seconds: number | null, scale: DurationScale): number | null {
  return seconds === null ? null : Math.round((seconds / scale.seconds) * 100) / 100;
}

/** A duration for people: "45 s", "12 min", "3.5 h", "2.1 d" (one decimal below 10, none above). */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '–';
  const scale = durationScale([seconds]);
  const value = seconds / scale.seconds;
  const shown = Math.abs(value) < 10 && scale.seconds > 1 ? value.toFixed(1).replace(/\.0$/, '') : String(Math.round(value));
  const unit = { seconds: 's', minutes: 'min', hours: 'h', days: 'd' }[scale.unit];
  return `${shown} ${unit}`;
}
