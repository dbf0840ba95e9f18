import type { FiguresDiff } from './figures-diff.js';

/**
 * The "Changed since version N" block of a regenerated report's Summary sheet, as lines of text: the figures
 * that moved (up to MOVED_FIGURES_SHOWN, the rest counted) and the incidents added, removed and changed. The
 * workbook writer styles them by kind. Pure.
 */

export const MOVED_FIGURES_SHOWN = 25;
const KEYS_SHOWN = 12;

export type MovedLine =
  | { kind: 'section'; text: string }
  | { kind: 'header'; figure: string; previous: string; current: string }
  | { kind: 'figure'; figure: string; previous: string; current: string }
  | { kind: 'note'; text: string };

const keys = (list: readonly string[]): string => (list.length > KEYS_SHOWN ? `${list.slice(0, KEYS_SHOWN).join(', ')} and ${list.length - KEYS_SHOWN} more` : list.join(', '));

function incidentsText(incidents: NonNullable<FiguresDiff['incidents']>): string {
  const parts = [
    incidents.added.length > 0 ? `${incidents.added.length} added (${keys(incidents.added)})` : null,
    incidents.removed.length > 0 ? `${incidents.removed.length} removed (${keys(incidents.removed)})` : null,
    incidents.changed.length > 0 ? `${incidents.changed.length} changed (${keys(incidents.changed)})` : null,
  ].filter((part): part is string => part !== null);
  return `Incidents of the month: ${parts.length > 0 ? parts.join('; ') : 'none added, removed or changed'}.`;
}

export function movedLines(previousVersion: number, diff: FiguresDiff): MovedLine[] {
  const lines: MovedLine[] = [{ kind: 'section', text: `Changed since version ${previousVersion}` }];
  if (diff.figures.length === 0) {
    lines.push({ kind: 'note', text: `No figure of the month moved since version ${previousVersion}.` });
  } else {
    lines.push({ kind: 'header', figure: 'Figure', previous: `Version ${previousVersion}`, current: 'This version' });
    for (const moved of diff.figures.slice(0, MOVED_FIGURES_SHOWN)) {
      lines.push({ kind: 'figure', figure: moved.figure, previous: moved.previous ?? '–', current: moved.current ?? '–' });
    }
    const more = diff.figures.length - MOVED_FIGURES_SHOWN;
    if (more > 0) lines.push({ kind: 'note', text: `… and ${more} more figures (GET /api/v1/reports/{id} lists them all in movedSincePrevious).` });
  }
  lines.push({ kind: 'note', text: diff.incidents ? incidentsText(diff.incidents) : `Version ${previousVersion} did not record its incidents; which incidents moved is not known.` });
  return lines;
}
