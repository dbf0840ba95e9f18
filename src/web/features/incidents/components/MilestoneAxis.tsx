import { formatDateTime } from '../../../lib/format';
import type { Incident } from '../api/incidents';
import { formatDuration } from '../lib/durations';
import { MILESTONE_FIELDS, MILESTONE_TEXT, type MilestoneField } from './labels';

const WIDTH = 1000;
const PAD = 12;

/**
 * The milestones on a time axis from the start to the last one: an SVG strip (positions only, as attributes:
 * the CSP allows no inline styles) and, for everyone including screen readers, the ordered list of milestones
 * with their times and the time since the start. Missing milestones are listed as not recorded.
 */
export function MilestoneAxis({ incident }: { incident: Incident }) {
  const start = Date.parse(incident.startedAt);
  const present = MILESTONE_FIELDS.filter((field) => incident[field]).map((field) => ({ field, at: Date.parse(incident[field]!) }));
  const end = Math.max(start, ...present.map((m) => m.at));
  const span = end - start || 1;
  const x = (at: number) => PAD + ((Math.min(Math.max(at, start), end) - start) / span) * (WIDTH - 2 * PAD);
  const impactEnd = incident.mitigatedAt ? x(Date.parse(incident.mitigatedAt)) : null;

  return (
    <figure className="milestone-axis">
      <svg viewBox={`0 0 ${WIDTH} 40`} preserveAspectRatio="none" aria-hidden="true" focusable="false" className="milestone-svg">
        <line x1={PAD} x2={WIDTH - PAD} y1={20} y2={20} className="axis-line" />
        {impactEnd !== null && <rect x={PAD} y={14} width={Math.max(impactEnd - PAD, 2)} height={12} rx={3} className="axis-impact" />}
        {/* A zero-length line with round caps and a stroke that does not scale: a dot that stays round however wide the strip is. */}
        {present.map((m) => (
          <line key={m.field} x1={x(m.at)} x2={x(m.at)} y1={20} y2={20} strokeWidth={14} strokeLinecap="round" vectorEffect="non-scaling-stroke" className={`axis-point axis-${m.field}`} />
        ))}
      </svg>
      <p className="axis-ends" aria-hidden="true">
        <span>{formatDateTime(incident.startedAt)}</span>
        {end > start && <span>+{formatDuration((end - start) / 1000)}</span>}
      </p>
      <figcaption className="visually-hidden">Milestones from the start ({formatDateTime(incident.startedAt)}) to the last one recorded</figcaption>
      <ol className="milestone-list">
        {MILESTONE_FIELDS.map((field) => (
          <MilestoneItem key={field} field={field} at={incident[field]} start={start} />
        ))}
      </ol>
    </figure>
  );
}

function MilestoneItem({ field, at, start }: { field: MilestoneField; at: string | null; start: number }) {
  return (
    <li className={at ? 'milestone' : 'milestone milestone-missing'}>
      <span className={`milestone-dot axis-${field}`} aria-hidden="true" />
      <span className="milestone-name">{MILESTONE_TEXT[field]}</span>
      {at ? (
        <span className="milestone-time">
          <time dateTime={at}>{formatDateTime(at)}</time>
          {field !== 'startedAt' && <span className="muted"> · {Date.parse(at) >= start ? `+${formatDuration((Date.parse(at) - start) / 1000)}` : 'before the start'}</span>}
        </span>
      ) : (
        <span className="milestone-time muted">not recorded</span>
      )}
    </li>
  );
}
