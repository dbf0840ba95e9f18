import { useState, type FormEvent } from 'react';
import { formErrorsOf } from '../../../api/errors';
import { Alert } from '../../../components/Alert';
import { FormField } from '../../../components/FormField';
import { formatMonth } from '../../../lib/format';
import { useGenerateReport } from '../api/reports';

const FIELDS = ['month', 'regenerate'] as const;

/** The last month that has ended, as YYYY-MM (in the browser's time zone: a suggestion; the service decides). */
function lastMonth(now = new Date()): string {
  const date = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

/** Admin only: generate a month's workbook now (in the request), or a new version of it. */
export function GenerateReportForm() {
  const generate = useGenerateReport();
  const [month, setMonth] = useState(lastMonth);
  const [regenerate, setRegenerate] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    generate.mutate({ month: month.trim(), regenerate });
  };
  // 409 REPORT_IN_PROGRESS is about the month (another instance is generating it): said beside the field too.
  const errors = generate.error ? formErrorsOf(generate.error, FIELDS, { REPORT_IN_PROGRESS: 'month' }) : undefined;
  const done = generate.data;

  return (
    <form className="form form-inline" onSubmit={submit} noValidate aria-labelledby="generate-heading">
      <h2 id="generate-heading">Generate a month</h2>
      <FormField label="Month" name="month" className="input-short" placeholder="YYYY-MM" inputMode="numeric" autoComplete="off"
        hint="A month that has ended, as YYYY-MM" value={month} onChange={(e) => setMonth(e.target.value)} error={errors?.fields.month} />
      <div className="form-actions">
        <div className="field-checkbox">
          <input id="regenerate" type="checkbox" checked={regenerate} onChange={(e) => setRegenerate(e.target.checked)} />
          <label htmlFor="regenerate">New version, even if the month has a report</label>
        </div>
        <button type="submit" className="button button-primary" disabled={generate.isPending}>
          {generate.isPending ? 'Generating…' : 'Generate'}
        </button>
      </div>
      {errors?.form && <Alert tone="error">{errors.form}</Alert>}
      {done && !generate.isPending && !generate.error && (
        <Alert tone="success">
          {done.generated
            ? `Generated ${formatMonth(done.report.period)}, version ${done.report.version}.`
            : `${formatMonth(done.report.period)} already has a report (version ${done.report.version}); tick “New version” to generate another.`}
        </Alert>
      )}
    </form>
  );
}
