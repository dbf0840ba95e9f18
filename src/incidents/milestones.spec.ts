import { findOrderViolation, incidentStatus, milestoneColumn, type Milestones } from './milestones.js';

const at = (iso: string) => new Date(iso);

describe('findOrderViolation', () => {
  it.each<[string, Milestones]>([
    ['only started', { startedAt: at('2026-01-01T10:00:00Z') }],
    ['all in order', {
      startedAt: at('2026-01-01T10:00:00Z'), detectedAt: at('2026-01-01T10:05:00Z'), acknowledgedAt: at('2026-01-01T10:06:00Z'),
      investigatingAt: at('2026-01-01T10:10:00Z'), identifiedAt: at('2026-01-01T10:30:00Z'), mitigatedAt: at('2026-01-01T11:00:00Z'),
      resolvedAt: at('2026-01-01T12:00:00Z'), retroPrepAt: at('2026-01-02T09:00:00Z'), retroDoneAt: at('2026-01-03T09:00:00Z'),
    }],
    ['equal instants', { startedAt: at('2026-01-01T10:00:00Z'), detectedAt: at('2026-01-01T10:00:00Z'), mitigatedAt: at('2026-01-01T10:00:00Z') }],
    ['gaps and nulls', { startedAt: at('2026-01-01T10:00:00Z'), detectedAt: null, resolvedAt: at('2026-01-01T12:00:00Z') }],
  ])('accepts %s', (_name, milestones) => {
    expect(findOrderViolation(milestones)).toBeNull();
  });

  it.each<[string, Milestones, string, string]>([
    ['detected before started', { startedAt: at('2026-01-01T10:00:00Z'), detectedAt: at('2026-01-01T09:00:00Z') }, 'startedAt', 'detectedAt'],
    ['resolved before mitigated across a gap', { startedAt: at('2026-01-01T10:00:00Z'), mitigatedAt: at('2026-01-01T12:00:00Z'), resolvedAt: at('2026-01-01T11:00:00Z') }, 'mitigatedAt', 'resolvedAt'],
    ['retro done before the start', { startedAt: at('2026-01-05T10:00:00Z'), retroDoneAt: at('2026-01-01T10:00:00Z') }, 'startedAt', 'retroDoneAt'],
  ])('reports %s naming both fields', (_name, milestones, earlier, later) => {
    const violation = findOrderViolation(milestones);
    expect(violation?.earlier.field).toBe(earlier);
    expect(violation?.later.field).toBe(later);
    expect(violation!.later.value.getTime()).toBeLessThan(violation!.earlier.value.getTime());
  });
});

describe('incidentStatus', () => {
  it.each<[Milestones, string]>([
    [{ startedAt: at('2026-01-01T10:00:00Z') }, 'active'],
    [{ startedAt: at('2026-01-01T10:00:00Z'), mitigatedAt: at('2026-01-01T11:00:00Z') }, 'mitigated'],
    [{ startedAt: at('2026-01-01T10:00:00Z'), resolvedAt: at('2026-01-01T11:00:00Z') }, 'resolved'],
    [{ startedAt: at('2026-01-01T10:00:00Z'), resolvedAt: at('2026-01-01T11:00:00Z'), retroDoneAt: at('2026-01-02T11:00:00Z') }, 'closed'],
  ])('%j is %s', (milestones, status) => {
    expect(incidentStatus(milestones)).toBe(status);
  });
});

it('names milestone columns in snake_case', () => {
  expect(milestoneColumn('retroDoneAt')).toBe('retro_done_at');
  expect(milestoneColumn('startedAt')).toBe('started_at');
});
