/** The six duration metrics as the data-quality page names them, with the two milestones each is measured between (README, Metrics). */
export const METRICS = [
  { key: 'ttd', label: 'Time to detect', start: 'startedAt', end: 'detectedAt' },
  { key: 'tta', label: 'Time to acknowledge', start: 'detectedAt', end: 'acknowledgedAt' },
  { key: 'tte', label: 'Time to engage', start: 'acknowledgedAt', end: 'investigatingAt' },
  { key: 'ttm', label: 'Time to mitigate', start: 'startedAt', end: 'mitigatedAt' },
  { key: 'ttr', label: 'Time to resolve', start: 'startedAt', end: 'resolvedAt' },
  { key: 'ttRetro', label: 'Time to retro', start: 'resolvedAt', end: 'retroDoneAt' },
] as const;

const MILESTONE_LABELS: Record<string, string> = {
  startedAt: 'started', detectedAt: 'detected', acknowledgedAt: 'acknowledged', investigatingAt: 'investigating', identifiedAt: 'identified',
  mitigatedAt: 'mitigated', resolvedAt: 'resolved', retroPrepAt: 'retro preparation', retroDoneAt: 'retro done',
};

/** "detectedAt" as "detected"; an unknown name as it is. */
export function milestoneLabel(field: string): string {
  return MILESTONE_LABELS[field] ?? field;
}

/** Why an incident is left out of a metric, in words (the API's reason: excluded, missing or order). */
export function reasonText(metric: string, reason: string): string {
  const known = METRICS.find((m) => m.key === metric);
  if (reason === 'excluded') return 'excluded from metrics';
  if (reason === 'missing') {
    if (!known) return 'a milestone is missing';
    // startedAt is always recorded: when the interval starts there, its end is what is missing.
    return known.start === 'startedAt' ? `no “${milestoneLabel(known.end)}” time` : `no “${milestoneLabel(known.start)}” or “${milestoneLabel(known.end)}” time`;
  }
  if (reason === 'order') return known ? `“${milestoneLabel(known.end)}” is before “${milestoneLabel(known.start)}”` : 'its end is before its start';
  return reason;
}

export function metricLabel(metric: string): string {
  return METRICS.find((m) => m.key === metric)?.label ?? metric;
}
