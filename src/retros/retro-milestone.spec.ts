import type { Milestones } from '../incidents/milestones.js';
import { retroDoneViolation } from './retro-milestone.js';

const at = new Date('2026-03-05T12:00:00Z');
const d = (iso: string) => new Date(iso);

describe('retroDoneViolation', () => {
  it.each<[string, Milestones, string | null]>([
    ['only a start before it', { startedAt: d('2026-03-01T09:00:00Z') }, null],
    ['resolved before it', { startedAt: d('2026-03-01T09:00:00Z'), resolvedAt: d('2026-03-02T09:00:00Z') }, null],
    ['resolved at the same instant', { startedAt: d('2026-03-01T09:00:00Z'), resolvedAt: at }, null],
    ['resolved after it', { startedAt: d('2026-03-01T09:00:00Z'), resolvedAt: d('2026-03-06T09:00:00Z') }, 'resolvedAt'],
    ['retro prep after it', { startedAt: d('2026-03-01T09:00:00Z'), retroPrepAt: d('2026-03-07T09:00:00Z') }, 'retroPrepAt'],
    ['an older violation elsewhere', { startedAt: d('2026-03-02T09:00:00Z'), detectedAt: d('2026-03-01T09:00:00Z') }, null],
    ['an incident that started after it', { startedAt: d('2026-03-06T00:00:00Z') }, 'startedAt'],
  ])('%s', (_name, milestones, field) => {
    const violation = retroDoneViolation(milestones, at);
    expect(violation?.earlier.field ?? null).toBe(field);
    if (violation) expect(violation.later).toEqual({ field: 'retroDoneAt', value: at });
  });
});
