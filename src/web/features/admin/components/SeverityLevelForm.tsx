import { useState, type FormEvent } from 'react';
import { formErrorsOf } from '../../../api/errors';
import { FormField, TextAreaField } from '../../../components/FormField';
import { useCreateSeverityLevel, useUpdateSeverityLevel, type SeverityLevel, type SeverityLevelChanges, type SeverityLevelInput } from '../api/severity-levels';
import { formatTarget, parseTarget } from '../lib/target-duration';
import { useFocusOnMount } from '../lib/use-focus-on-mount';
import { FormActions } from './FormActions';

const TARGETS = [
  { field: 'ackTargetSeconds', label: 'Time to acknowledge', hint: 'detected → acknowledged' },
  { field: 'mitigateTargetSeconds', label: 'Time to mitigate', hint: 'started → mitigated' },
  { field: 'resolveTargetSeconds', label: 'Time to resolve', hint: 'started → resolved' },
  { field: 'updateCadenceSeconds', label: 'Status updates every', hint: 'while the incident is open' },
] as const;
type TargetField = (typeof TARGETS)[number]['field'];

const FIELDS = ['key', 'name', 'description', 'rank', 'retroDueBusinessHours', ...TARGETS.map((t) => t.field)] as const;
type Values = Record<(typeof FIELDS)[number], string>;

function valuesOf(level: SeverityLevel | null): Values {
  const target = (seconds: number | null | undefined) => (seconds === null || seconds === undefined ? '' : formatTarget(seconds));
  return {
    key: level?.key ?? '',
    name: level?.name ?? '',
    description: level?.description ?? '',
    rank: level ? String(level.rank) : '',
    retroDueBusinessHours: level?.retroDueBusinessHours === null || level === null ? '' : String(level.retroDueBusinessHours),
    ackTargetSeconds: target(level?.ackTargetSeconds),
    mitigateTargetSeconds: target(level?.mitigateTargetSeconds),
    resolveTargetSeconds: target(level?.resolveTargetSeconds),
    updateCadenceSeconds: target(level?.updateCadenceSeconds),
  };
}

/** A whole number as typed (the API checks its range), null for an empty field, or what is wrong with it. */
function wholeNumber(text: string): { ok: true; value: number | null } | { ok: false; problem: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  return /^-?\d+$/.test(trimmed) ? { ok: true, value: Number(trimmed) } : { ok: false, problem: `must be a whole number (you entered "${trimmed}")` };
}

/**
 * Add a severity level, or edit one (only the fields that changed are sent, with the version read). Targets
 * are typed as durations ("4 h", "1 h 30 min"); an empty target means none. What the API refuses is shown
 * beside its field.
 */
export function SeverityLevelForm({ level, onSaved, onCancel }: { level: SeverityLevel | null; onSaved: (saved: SeverityLevel) => void; onCancel: () => void }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const create = useCreateSeverityLevel();
  const update = useUpdateSeverityLevel();
  const mutation = level ? update : create;
  const [values, setValues] = useState<Values>(() => valuesOf(level));
  /** What this form found wrong before sending (a duration or number it cannot read), per field. */
  const [typed, setTyped] = useState<Partial<Record<keyof Values, string>>>({});

  const set = (field: keyof Values) => (event: { target: { value: string } }) => {
    setValues((current) => ({ ...current, [field]: event.target.value }));
    setTyped((current) => ({ ...current, [field]: undefined }));
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems: Partial<Record<keyof Values, string>> = {};
    const targets: Partial<Record<TargetField, number | null>> = {};
    for (const { field } of TARGETS) {
      const parsed = parseTarget(values[field]);
      if (parsed.ok) targets[field] = parsed.seconds;
      else problems[field] = parsed.problem;
    }
    const rank = wholeNumber(values.rank);
    const retroDue = wholeNumber(values.retroDueBusinessHours);
    if (!rank.ok) problems.rank = rank.problem;
    if (!retroDue.ok) problems.retroDueBusinessHours = retroDue.problem;
    setTyped(problems);
    if (!rank.ok || !retroDue.ok || Object.keys(problems).length > 0) return;
    mutation.reset();
    const body: SeverityLevelInput = {
      key: values.key.trim(),
      name: values.name.trim(),
      description: values.description,
      // Empty: the API says the rank is required, beside the field.
      rank: rank.value as number,
      retroDueBusinessHours: retroDue.value,
      ...targets,
    };
    if (!level) {
      create.mutate(body, { onSuccess: onSaved });
      return;
    }
    const changes: SeverityLevelChanges = { version: level.version };
    for (const field of Object.keys(body) as (keyof SeverityLevelInput)[]) {
      if (body[field] !== level[field]) (changes as Record<string, unknown>)[field] = body[field];
    }
    update.mutate({ key: level.key, changes }, { onSuccess: onSaved });
  };

  const errors = mutation.error ? formErrorsOf(mutation.error, FIELDS) : undefined;
  const errorOf = (field: keyof Values) => typed[field] ?? errors?.fields[field];
  const title = level ? `Edit ${level.key}` : 'Add a severity level';

  return (
    <form className="admin-panel form" onSubmit={submit} noValidate aria-labelledby="severity-form-heading">
      <h2 id="severity-form-heading" ref={heading} tabIndex={-1}>{title}</h2>
      <div className="admin-grid">
        <FormField label="Key" name="key" autoComplete="off" hint="Used by incidents, imports and filters, e.g. SEV4" value={values.key} onChange={set('key')} error={errorOf('key')} />
        <FormField label="Name" name="name" autoComplete="off" value={values.name} onChange={set('name')} error={errorOf('name')} />
        <FormField label="Rank" name="rank" inputMode="numeric" autoComplete="off" hint="1 is the most severe; unique" value={values.rank} onChange={set('rank')} error={errorOf('rank')} />
        <div className="field-wide">
          <TextAreaField label="When to use it" name="description" value={values.description} onChange={set('description')} error={errorOf('description')} />
        </div>
        {TARGETS.map((target) => (
          <FormField key={target.field} label={target.label} name={target.field} autoComplete="off" placeholder="No target"
            hint={`${target.hint}; e.g. 30 min, 4 h, 14 d; empty: no target`} value={values[target.field]} onChange={set(target.field)} error={errorOf(target.field)} />
        ))}
        <FormField label="Retro due within (business hours)" name="retroDueBusinessHours" inputMode="numeric" autoComplete="off" placeholder="No target"
          hint="After resolution; empty: no target" value={values.retroDueBusinessHours} onChange={set('retroDueBusinessHours')} error={errorOf('retroDueBusinessHours')} />
      </div>
      <FormActions error={errors?.form} pending={mutation.isPending} submitLabel={level ? 'Save changes' : 'Add level'} pendingLabel="Saving…" onCancel={onCancel} />
    </form>
  );
}
