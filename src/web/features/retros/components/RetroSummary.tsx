import { formatDateTime } from '../../../lib/format';
import type { Retrospective } from '../api/retros';

/** The retrospective as text: for viewers, and for everyone once it is submitted. */
export function RetroSummary({ retro }: { retro: Retrospective }) {
  return (
    <div className="retro-summary">
      <dl className="retro-details">
        <div><dt>Facilitator</dt><dd>{retro.facilitator ?? '—'}</dd></div>
        <div><dt>Attendees</dt><dd>{retro.attendees.length > 0 ? retro.attendees.join(', ') : '—'}</dd></div>
        <div><dt>Scheduled for</dt><dd>{formatDateTime(retro.scheduledAt)}</dd></div>
        <div><dt>Held at</dt><dd>{formatDateTime(retro.heldAt)}</dd></div>
        <div><dt>Template</dt><dd>{retro.template.name}, v{retro.template.version}</dd></div>
      </dl>
      <h2>Questions</h2>
      {retro.questions.map((question) => (
        <section key={question.key} className="retro-read-answer" aria-label={question.prompt}>
          <h3>{question.prompt}</h3>
          {question.answer ? <p className="answer-text">{question.answer}</p> : <p className="muted">Not answered.</p>}
        </section>
      ))}
    </div>
  );
}
