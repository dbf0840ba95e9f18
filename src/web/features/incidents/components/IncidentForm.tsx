import { useState, type FormEvent, type ReactNode } from 'react';
import { formErrorsOf } from '../../../api/errors';
import { Alert } from '../../../components/Alert';
import { FormField, SelectField, TextAreaField } from '../../../components/FormField';
import { useChoices } from '../api/incidents';
import { FORM_FIELDS, FORM_MILESTONES, type IncidentFormValues } from '../lib/incident-form';
import { localZoneName } from '../lib/local-time';
import { IMPACT_SCOPE_TEXT, MILESTONE_TEXT } from './labels';

const MILESTONE_HINTS: Partial<Record<(typeof FORM_MILESTONES)[number], string>> = {
  startedAt: 'When the affected system began having problems',
  detectedAt: 'Monitoring or a person noticed',
  mitigatedAt: 'Users no longer see the problem',
  resolvedAt: 'The fix is durable; the incident is closed',
};

interface IncidentFormProps {
  initial: IncidentFormValues;
  /** Edit: the severity the incident has (a change asks for a reason). */
  currentSeverity?: string;
  submitLabel: string;
  pending: boolean;
  /** The API's refusal of the last submit, shown beside the fields it names. */
  error: unknown;
  /** Shown above the buttons instead of the error's own text (the 409 with its reload button). */
  conflict?: ReactNode;
  onSubmit: (values: IncidentFormValues) => void;
  onCancel: () => void;
}

/** Create and edit an incident: datetimes in the browser's zone (sent as instants), the API's messages beside the fields. */
export function IncidentForm({ initial, currentSeverity, submitLabel, pending, error, conflict, onSubmit, onCancel }: IncidentFormProps) {
  const choices = useChoices();
  const [values, setValues] = useState(initial);
  const set = <K extends keyof IncidentFormValues>(field: K, value: IncidentFormValues[K]) => setValues((v) => ({ ...v, [field]: value }));
  const text = (field: keyof IncidentFormValues) => ({
    name: field,
    value: values[field] as string,
    onChange: (e: { target: { value: string } }) => set(field, e.target.value as never),
  });
  const errors = error ? formErrorsOf(error, FORM_FIELDS) : undefined;
  const fieldError = (field: string) => errors?.fields[field];
  const zone = localZoneName();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit(values);
  };
  const toggleService = (name: string) =>
    set('services', values.services.includes(name) ? values.services.filter((s) => s !== name) : [...values.services, name]);

  return (
    <form className="form incident-form" onSubmit={submit} noValidate>
      <fieldset className="form-section">
        <legend>What happened</legend>
        <FormField label="Title" required autoComplete="off" {...text('title')} error={fieldError('title')} hint="“Checkout is unavailable for EU customers”" />
        <div className="form-row">
          <SelectField label="Severity" required {...text('severity')} error={fieldError('severity')}
            options={[{ value: '', label: 'Choose…' }, ...choices.severities.map((level) => ({ value: level.key, label: `${level.key} · ${level.name}` }))]} />
          <SelectField label="Impact scope" {...text('impactScope')} error={fieldError('impactScope')}
            options={Object.entries(IMPACT_SCOPE_TEXT).map(([value, label]) => ({ value, label }))} />
          <SelectField label="Owning team" {...text('owningTeam')} error={fieldError('owningTeam')}
            options={[{ value: '', label: 'None' }, ...choices.teams.map((name) => ({ value: name, label: name }))]} />
        </div>
        {currentSeverity && values.severity !== currentSeverity && (
          <FormField label="Why the severity changed" {...text('severityChangeReason')} error={fieldError('severityChangeReason')} hint="Kept in the severity history" />
        )}
        <TextAreaField label="Customer impact" rows={3} {...text('customerImpact')} error={fieldError('customerImpact')} hint="What customers experienced" />
        <FormField label="Customers known to be impacted" autoComplete="off" {...text('knownCustomersImpacted')} error={fieldError('knownCustomersImpacted')} hint="Comma-separated" />
        {choices.services.length > 0 && (
          <fieldset className="checkbox-group" aria-describedby={fieldError('services') ? 'services-error' : undefined}>
            <legend>Affected services</legend>
            {choices.services.map((name) => (
              <div className="field-checkbox" key={name}>
                <input id={`service-${name}`} type="checkbox" checked={values.services.includes(name)} onChange={() => toggleService(name)} />
                <label htmlFor={`service-${name}`}>{name}</label>
              </div>
            ))}
            {fieldError('services') && <p id="services-error" className="field-error">{fieldError('services')}</p>}
          </fieldset>
        )}
        <FormField label="Tags" autoComplete="off" {...text('tags')} error={fieldError('tags')} hint="Comma-separated" />
      </fieldset>

      <fieldset className="form-section">
        <legend>Milestones</legend>
        <p className="field-hint">In your time zone ({zone}); each must not be before the ones above it.</p>
        <div className="form-row milestone-fields">
          {FORM_MILESTONES.map((m) => (
            <FormField key={m} label={MILESTONE_TEXT[m]} type="datetime-local" required={m === 'startedAt'} {...text(m)} error={fieldError(m)} hint={MILESTONE_HINTS[m]} />
          ))}
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>People</legend>
        <div className="form-row">
          <FormField label="Commander" autoComplete="off" {...text('commander')} error={fieldError('commander')} />
          <FormField label="Investigator" autoComplete="off" {...text('investigator')} error={fieldError('investigator')} />
          <FormField label="Communications" autoComplete="off" {...text('comms')} error={fieldError('comms')} />
          <FormField label="Scribe" autoComplete="off" {...text('scribe')} error={fieldError('scribe')} />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>Metrics</legend>
        <div className="field-checkbox">
          <input id="excludedFromMetrics" type="checkbox" checked={values.excludedFromMetrics} onChange={(e) => set('excludedFromMetrics', e.target.checked)} />
          <label htmlFor="excludedFromMetrics">Leave out of every metric (game day, drill)</label>
        </div>
        {values.excludedFromMetrics && <FormField label="Why it is left out" {...text('exclusionReason')} error={fieldError('exclusionReason')} />}
      </fieldset>

      {conflict ?? (errors?.form && <Alert tone="error">{errors.form}</Alert>)}
      {errors && !errors.form && !conflict && <Alert tone="error">Not saved: see the messages beside the fields.</Alert>}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? 'Saving…' : submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
