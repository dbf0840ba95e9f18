import { useState, type FormEvent } from 'react';
import { formErrorsOf } from '../../../api/errors';
import { Alert } from '../../../components/Alert';
import { FormField } from '../../../components/FormField';
import { useRetroDraft } from '../api/useRetroDraft';
import type { Retrospective } from '../api/retros';
import { parseAttendees, type Draft } from '../lib/draft';
import { AnswerField } from './AnswerField';
import { ConflictPanel } from './ConflictPanel';
import { SaveStatus } from './SaveStatus';

const FIELDS = ['facilitator', 'attendees', 'scheduledAt', 'heldAt'] as const;

interface RetroFormProps {
  incident: string;
  retro: Retrospective;
  /** The incident's commander, investigator, comms and scribe: names the blame hints watch for. */
  roles: (string | null)[];
  onSubmitted: () => void;
}

/** The draft retrospective for responders: meeting details and answers, saved as they are typed, then submitted. */
export function RetroForm({ incident, retro, roles, onSubmitted }: RetroFormProps) {
  const { saved, draft, setDraft, state, pending, merged, save, resolve, submit } = useRetroDraft(incident, retro);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const set = (changes: Partial<Draft>) => setDraft((current) => ({ ...current, ...changes }));
  const setAnswer = (key: string, answer: string) => setDraft((current) => ({ ...current, answers: { ...current.answers, [key]: answer } }));

  const people = [...new Set([...roles, draft.facilitator.trim(), ...parseAttendees(draft.attendees)].filter((n): n is string => !!n))];
  const saveErrors = state.kind === 'failed' ? formErrorsOf(state.error, FIELDS).fields : {};
  const submitErrors = submitError ? formErrorsOf(submitError, FIELDS) : undefined;
  const errors = { ...saveErrors, ...submitErrors?.fields };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitError(null);
    setSubmitting(true);
    try {
      await submit();
      onSubmitted();
    } catch (error) {
      setSubmitError(error);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <form className="form retro-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-label="Retrospective">
      <div className="retro-toolbar">
        <SaveStatus state={state} pending={pending} fields={FIELDS} onRetry={() => void save()} />
      </div>
      {merged && state.kind !== 'conflict' && <Alert tone="info">Someone else saved this retrospective meanwhile; their changes are merged with yours.</Alert>}
      {state.kind === 'conflict' && (
        <ConflictPanel conflicts={state.conflicts} theirsSavedAt={state.theirs.updatedAt} onResolve={resolve}
          prompts={Object.fromEntries(saved.questions.map((q) => [q.key, q.prompt]))} />
      )}
      <fieldset className="retro-meeting">
        <legend>Meeting</legend>
        <FormField label="Facilitator" name="facilitator" autoComplete="off" value={draft.facilitator} onChange={(e) => set({ facilitator: e.target.value })} error={errors.facilitator} />
        <FormField label="Attendees" name="attendees" autoComplete="off" hint="Names separated by commas; invite everyone involved, not only engineers"
          value={draft.attendees} onChange={(e) => set({ attendees: e.target.value })} error={errors.attendees} />
        <FormField label="Scheduled for" name="scheduledAt" type="datetime-local" value={draft.scheduledAt} onChange={(e) => set({ scheduledAt: e.target.value })} error={errors.scheduledAt} />
        <FormField label="Held at" name="heldAt" type="datetime-local" hint="Needed to submit" value={draft.heldAt} onChange={(e) => set({ heldAt: e.target.value })} error={errors.heldAt} />
      </fieldset>
      <fieldset className="retro-questions">
        <legend>
          Questions <span className="muted">({saved.template.name}, v{saved.template.version})</span>
        </legend>
        {saved.questions.map((question) => (
          <AnswerField key={question.key} question={question} value={draft.answers[question.key] ?? ''} people={people} onChange={(answer) => setAnswer(question.key, answer)} />
        ))}
      </fieldset>
      {submitErrors?.form && <Alert tone="error">{submitErrors.form}</Alert>}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={submitting || state.kind === 'conflict'}>
          {submitting ? 'Submitting…' : 'Submit retrospective'}
        </button>
        <span className="muted">Submitting records the retrospective as done on the incident.</span>
      </div>
    </form>
  );
}
