import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { formErrorsOf } from '../../../api/errors';
import { Alert } from '../../../components/Alert';
import { FormField, SelectField, TextAreaField } from '../../../components/FormField';
import { plural } from '../../../lib/format';
import { useImportRun, useStartImport } from '../api/imports';
import { confirmText } from '../lib/confirm-text';
import { HEADER_BYTES, readCsvHeader } from '../lib/csv-header';
import { EMPTY_CHOICES, FORMAT_NAMES, FORMATS, initialColumnMap, isFormat, type ImportChoices } from '../lib/import-options';
import { ColumnMapFields } from './ColumnMapFields';
import { ImportReport } from './ImportReport';

const FIELDS = ['file', 'format', 'source', 'timezone', 'delimiter', 'encoding', 'map', 'value', 'config'] as const;

/** The file's header row for the column map, decoded as the chosen encoding; null when it has none. */
async function headerOf(file: File, choices: ImportChoices): Promise<string[] | null> {
  const bytes = await file.slice(0, HEADER_BYTES).arrayBuffer();
  const label = choices.encoding === 'utf-8' ? 'utf-8' : 'windows-1252';
  return readCsvHeader(new TextDecoder(label).decode(bytes), choices.delimiter);
}

/**
 * Admin only: choose a file and its format (and, for any CSV, the column map), check it with a dry run
 * (nothing written; the same report as the import), then confirm to import it for real, which opens the
 * import's own page to follow its progress. Changing the file or an option asks for a new dry run.
 */
export function NewImport() {
  const navigate = useNavigate();
  const start = useStartImport();
  const [file, setFile] = useState<File | null>(null);
  const [choices, setChoices] = useState<ImportChoices>(EMPTY_CHOICES);
  const [header, setHeader] = useState<{ columns: string[] | null; error?: string } | null>(null);
  const [dryRunId, setDryRunId] = useState<string | undefined>();
  const dryRun = useImportRun(dryRunId);

  const change = (next: Partial<ImportChoices>) => {
    const updated = { ...choices, ...next };
    setChoices(updated);
    setDryRunId(undefined);
    start.reset();
    if ('format' in next || 'delimiter' in next || 'encoding' in next) void readHeader(file, updated);
  };
  const readHeader = async (chosen: File | null, current: ImportChoices) => {
    if (!chosen || current.format !== 'csv') return setHeader(null);
    try {
      const columns = await headerOf(chosen, current);
      setHeader({ columns });
      if (columns) setChoices((now) => ({ ...now, columnMap: initialColumnMap(columns) }));
    } catch (error) {
      setHeader({ columns: null, error: `The file could not be read: ${(error as Error).message}` });
    }
  };
  const chooseFile = (chosen: File | null) => {
    setFile(chosen);
    setDryRunId(undefined);
    start.reset();
    void readHeader(chosen, choices);
  };

  const check = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    start.mutate({ file, choices, dryRun: true }, { onSuccess: (run) => setDryRunId(run.id) });
  };
  const errors = start.error ? formErrorsOf(start.error, FIELDS) : undefined;
  const format = isFormat(choices.format) ? FORMATS[choices.format] : undefined;
  const checked = dryRun.data?.status === 'completed' ? dryRun.data : undefined;
  const importable = checked ? checked.created + checked.updated + checked.unchanged : 0;
  const confirm = () => {
    start.mutate({ file, choices, dryRun: false }, {
      onSuccess: (run) => void navigate(`/imports/${encodeURIComponent(run.id)}`, { state: { expected: checked?.recordsRead } }),
    });
  };

  return (
    <>
      <form className="form form-inline import-form" onSubmit={check} noValidate aria-labelledby="new-import-heading">
        <h2 id="new-import-heading">Import a file</h2>
        <div className="field">
          <label htmlFor="import-file">File</label>
          <p id="import-file-hint" className="field-hint">CSV or JSON, up to 2 GB. Nothing is written until you confirm after the check.</p>
          <input id="import-file" name="file" type="file" accept=".csv,.json,.ndjson,.txt,text/csv,application/json"
            aria-describedby={errors?.fields.file ? 'import-file-hint import-file-error' : 'import-file-hint'}
            aria-invalid={errors?.fields.file ? true : undefined} onChange={(event) => chooseFile(event.target.files?.[0] ?? null)} />
          {errors?.fields.file && <p id="import-file-error" className="field-error">{errors.fields.file}</p>}
        </div>
        <SelectField label="Format" name="format" value={choices.format} hint={format?.hint} error={errors?.fields.format}
          onChange={(event) => change({ format: event.target.value as ImportChoices['format'] })}
          options={[{ value: '', label: 'Choose the file’s format' }, ...FORMAT_NAMES.map((name) => ({ value: name, label: FORMATS[name].label }))]} />
        {choices.format === 'csv' && header?.error && <Alert tone="error">{header.error}</Alert>}
        {choices.format === 'csv' && file && header && !header.columns && !header.error && (
          <Alert tone="error">The file has no header row: the first line names no columns.</Alert>
        )}
        {choices.format === 'csv' && header?.columns && (
          <ColumnMapFields header={header.columns} map={choices.columnMap} onChange={(columnMap) => change({ columnMap })} error={errors?.fields.map} />
        )}
        <details className="import-options" open={Boolean(errors && FIELDS.slice(2).some((field) => errors.fields[field]))}>
          <summary>More options</summary>
          <div className="import-options-grid">
            <FormField label="Source name" name="source" autoComplete="off" value={choices.source} error={errors?.fields.source}
              hint="The incidents are keyed under it with their ids; empty: the format’s own (e.g. statuspage)" onChange={(e) => change({ source: e.target.value })} />
            <FormField label="Time zone" name="timezone" autoComplete="off" placeholder="e.g. Europe/Berlin" value={choices.timezone} error={errors?.fields.timezone}
              hint="IANA zone of timestamps without an offset (otherwise refused)" onChange={(e) => change({ timezone: e.target.value })} />
            {(format?.csv || choices.format === 'pagerduty-analytics') && (
              <>
                <SelectField label="Delimiter" name="delimiter" value={choices.delimiter} error={errors?.fields.delimiter}
                  onChange={(e) => change({ delimiter: e.target.value as ImportChoices['delimiter'] })}
                  options={[{ value: 'auto', label: 'Found from the header' }, { value: ',', label: 'Comma ( , )' }, { value: ';', label: 'Semicolon ( ; )' }]} />
                <SelectField label="Encoding" name="encoding" value={choices.encoding} error={errors?.fields.encoding}
                  onChange={(e) => change({ encoding: e.target.value as ImportChoices['encoding'] })}
                  options={[{ value: 'utf-8', label: 'UTF-8' }, { value: 'windows-1252', label: 'Windows-1252 (Excel on Windows)' }, { value: 'latin1', label: 'Latin-1' }]} />
              </>
            )}
          </div>
          <TextAreaField label="Value replacements" name="value" rows={3} spellCheck={false} value={choices.values} error={errors?.fields.value}
            hint="One per line, field:from=to, e.g. severity:P1=SEV1 (field:=x fills empty cells)" onChange={(e) => change({ values: e.target.value })} />
          {choices.format === 'incidentio' && (
            <TextAreaField label="Mapping config (JSON)" name="config" rows={4} spellCheck={false} value={choices.config} error={errors?.fields.config}
              hint="How your timestamps, severities, roles and custom fields map; empty: the defaults in the README" onChange={(e) => change({ config: e.target.value })} />
          )}
        </details>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={start.isPending || dryRun.data?.status === 'running'}>
            {start.isPending && !dryRunId ? 'Uploading…' : 'Check the file (dry run)'}
          </button>
        </div>
        {errors?.form && <Alert tone="error">{errors.form}</Alert>}
      </form>

      {dryRunId && (
        <section aria-labelledby="dry-run-heading" className="dry-run">
          <h2 id="dry-run-heading">Dry run of {file?.name}</h2>
          {dryRun.isError && <Alert tone="error">Could not load the dry run: {dryRun.error.message}</Alert>}
          {dryRun.data && <ImportReport run={dryRun.data} />}
          {checked && (
            <div className="confirm">
              <p>{confirmText(checked)}</p>
              <button type="button" className="button button-primary" onClick={confirm} disabled={start.isPending || importable === 0}>
                {start.isPending ? 'Uploading…' : `Import ${plural(checked.recordsRead - checked.rejected, 'record')}`}
              </button>
            </div>
          )}
        </section>
      )}
    </>
  );
}
