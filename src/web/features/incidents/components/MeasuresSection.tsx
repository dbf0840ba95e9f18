import { Alert } from '../../../components/Alert';
import { formatDateTime } from '../../../lib/format';
import { useIncidentMeasures, type IncidentMeasures } from '../api/incidents';
import { formatDuration } from '../lib/durations';
import { MILESTONE_TEXT, type MilestoneField } from './labels';

const METRIC_TEXT: Record<string, string> = { ttd: 'Time to detect', tta: 'Time to acknowledge', tte: 'Time to engage', ttm: 'Time to mitigate', ttr: 'Time to resolve' };
const REASON_TEXT: Record<string, string> = {
  missing: 'not measured: a milestone is missing',
  order: 'not measured: its end is before its start',
  excluded: 'not measured: excluded from metrics',
  'no-target': 'no target for this severity',
};
const SLA_TEXT: Record<string, string> = { ack: 'Acknowledge', mitigate: 'Mitigate', resolve: 'Resolve' };
const STATE_TEXT: Record<string, string> = { met: 'Met', breached: 'Breached', open_breach: 'Breached (still open)', pending: 'Running', not_evaluated: 'Not judged' };

const between = (from: string, to: string) => `${MILESTONE_TEXT[from as MilestoneField]} → ${MILESTONE_TEXT[to as MilestoneField]}`;

/** The incident's intervals and SLA state, as GET /incidents/{incident}/measures gives them (the metrics' own rules). */
export function MeasuresSection({ incident, version }: { incident: string; version: number }) {
  const measures = useIncidentMeasures(incident, version);
  return (
    <section aria-labelledby="measures-heading" className="card">
      <h2 id="measures-heading">Intervals and SLA</h2>
      {measures.isPending && <p role="status">Loading…</p>}
      {measures.isError && <Alert tone="error">Could not load the intervals: {measures.error.message}</Alert>}
      {measures.data && <Measures measures={measures.data} />}
    </section>
  );
}

function Measures({ measures }: { measures: IncidentMeasures }) {
  return (
    <div className="measures">
      <dl className="interval-list">
        {measures.intervals.map((interval) => (
          <div key={interval.metric} className="interval">
            <dt>
              {interval.metric.toUpperCase()} <span className="muted">{METRIC_TEXT[interval.metric]}</span>
            </dt>
            <dd>
              <span className="interval-value">{interval.seconds === null ? '—' : formatDuration(interval.seconds)}</span>
              <span className="cell-note">{interval.reason ? REASON_TEXT[interval.reason] : between(interval.from, interval.to)}</span>
            </dd>
          </div>
        ))}
      </dl>
      <p className="muted sla-note">
        SLA targets of {measures.severity} (the peak severity), judged at {formatDateTime(measures.now)}
      </p>
      <table className="table table-stack sla-table">
        <caption className="visually-hidden">SLA targets of {measures.severity}</caption>
        <thead>
          <tr>
            <th scope="col">Target</th>
            <th scope="col">State</th>
            <th scope="col">Target time</th>
            <th scope="col">Took</th>
            <th scope="col">Deadline</th>
          </tr>
        </thead>
        <tbody>
          {measures.sla.map((sla) => (
            <tr key={sla.kind}>
              <th scope="row" data-label="Target">
                {SLA_TEXT[sla.kind]} <span className="cell-note">{between(sla.from, sla.to)}</span>
              </th>
              <td data-label="State">
                <span className={`badge badge-sla-${sla.state}`}>{STATE_TEXT[sla.state]}</span>
                {sla.reason && <span className="cell-note">{REASON_TEXT[sla.reason]}</span>}
              </td>
              <td data-label="Target time">{formatDuration(sla.targetSeconds)}</td>
              <td data-label="Took">{formatDuration(sla.actualSeconds)}</td>
              <td data-label="Deadline">{formatDateTime(sla.deadline)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
