/**
 * SLA targets as people write them ("15 min", "4 h", "1 h 30 min", "14 d") and as the API stores them (seconds).
 * Pure functions: the severity-level form parses what was typed, the table and the form show what is stored.
 */

const UNITS: readonly { seconds: number; label: string; names: readonly string[] }[] = [
  { seconds: 86_400, label: 'd', names: ['d', 'day', 'days'] },
  { seconds: 3600, label: 'h', names: ['h', 'hr', 'hrs', 'hour', 'hours'] },
  { seconds: 60, label: 'min', names: ['m', 'min', 'mins', 'minute', 'minutes'] },
  { seconds: 1, label: 's', names: ['s', 'sec', 'secs', 'second', 'seconds'] },
];

/** Seconds as "1 d 4 h", "1 h 30 min", "45 s"; every non-zero unit, largest first, so parsing it gives the same seconds back. null: "No target". */
export function formatTarget(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return 'No target';
  if (seconds === 0) return '0 min';
  let rest = Math.round(seconds);
  const parts: string[] = [];
  for (const unit of UNITS) {
    const count = Math.floor(rest / unit.seconds);
    rest -= count * unit.seconds;
    if (count > 0) parts.push(`${count} ${unit.label}`);
  }
  return parts.join(' ');
}

/** What was typed into a target field: seconds, null for an empty field (no target), or what is wrong with it. */
export type ParsedTarget = { ok: true; seconds: number | null } | { ok: false; problem: string };

/**
 * "4 h", "1h30m", "1 h 30 min", "14 days", "90 min", "0 min" → seconds; "" → null (no target). A number
 * without a unit is refused (minutes or hours? the field cannot know), as is anything else it cannot read.
 */
export function parseTarget(text: string): ParsedTarget {
  const input = text.trim().toLowerCase();
  if (input === '') return { ok: true, seconds: null };
  const token = /(\d+(?:\.\d+)?)\s*([a-z]*)\s*/y;
  let seconds = 0;
  let at = 0;
  while (at < input.length) {
    token.lastIndex = at;
    const match = token.exec(input);
    if (!match) return { ok: false, problem: `cannot read "${text.trim()}": write it like 30 min, 4 h, 1 h 30 min or 14 d` };
    const unit = UNITS.find((candidate) => candidate.names.includes(match[2]));
    if (!match[2]) return { ok: false, problem: `"${match[1]}" needs a unit: d, h, min or s (e.g. ${match[1]} min)` };
    if (!unit) return { ok: false, problem: `"${match[2]}" is not a unit: use d, h, min or s` };
    seconds += Number(match[1]) * unit.seconds;
    at = token.lastIndex;
  }
  if (!Number.isInteger(seconds)) return { ok: false, problem: `"${text.trim()}" is not a whole number of seconds` };
  return { ok: true, seconds };
}
