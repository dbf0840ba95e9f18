import { useState } from 'react';
import { Alert } from '../../../components/Alert';
import { PageTitle } from '../../../components/PageTitle';
import { formatDateTime } from '../../../lib/format';
import { useMakeDefaultTemplate, useRetroTemplates, type RetroTemplate } from '../api/retro-templates';
import { RetroTemplateForm } from '../components/RetroTemplateForm';

/** /admin/retro-templates: every version of every template, its questions, a new version or template, the default. */
export function RetroTemplatesPage() {
  const templates = useRetroTemplates();
  const makeDefault = useMakeDefaultTemplate();
  const [viewing, setViewing] = useState<string | null>(null);
  const [writing, setWriting] = useState<RetroTemplate | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const all = templates.data ?? [];
  const shown = all.find((t) => t.id === viewing) ?? all.find((t) => t.isDefault) ?? all[0];

  return (
    <>
      <PageTitle title="Retro templates · Admin">Retrospective templates</PageTitle>
      <p className="lead">
        The questions a retrospective asks. Templates never change once written: a change is a new version, and a retrospective keeps the version it
        started with. New retrospectives use the default.
      </p>
      {notice && <Alert tone="success">{notice}</Alert>}
      {makeDefault.isError && <Alert tone="error">Could not make it the default: {makeDefault.error.message}</Alert>}
      {writing === null && (
        <div className="admin-toolbar">
          <button type="button" className="button button-primary" onClick={() => { setNotice(null); setWriting('new'); }}>
            New template
          </button>
        </div>
      )}
      {writing !== null && (
        <RetroTemplateForm
          key={writing === 'new' ? 'new' : writing.id}
          from={writing === 'new' ? null : writing}
          onSaved={(saved) => {
            setNotice(`Saved “${saved.name}” version ${saved.version}${saved.isDefault ? ' (the default)' : ''}.`);
            setViewing(saved.id);
            setWriting(null);
          }}
          onCancel={() => setWriting(null)}
        />
      )}
      <section aria-labelledby="templates-heading">
        <h2 id="templates-heading">Versions</h2>
        {templates.isPending && <p role="status">Loading templates…</p>}
        {templates.isError && <Alert tone="error">Could not load the templates: {templates.error.message}</Alert>}
        {templates.isSuccess && all.length === 0 && <p>No templates yet.</p>}
        {all.length > 0 && (
          <div className="table-scroll">
            <table className="table table-stack">
              <caption className="visually-hidden">Retrospective template versions</caption>
              <thead>
                <tr>
                  <th scope="col">Template</th>
                  <th scope="col">Version</th>
                  <th scope="col">Questions</th>
                  <th scope="col">Written</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {all.map((template) => (
                  <tr key={template.id}>
                    <th scope="row" data-label="Template" className="cell-text">
                      {template.name} {template.isDefault && <span className="badge badge-default">Default</span>}
                    </th>
                    <td data-label="Version">v{template.version}</td>
                    <td data-label="Questions">{template.questions.length}</td>
                    <td data-label="Written">{formatDateTime(template.createdAt)}</td>
                    <td data-label="Actions">
                      <div className="row-actions">
                        <button type="button" className="button button-small" aria-pressed={shown?.id === template.id} onClick={() => setViewing(template.id)}>
                          Questions<span className="visually-hidden"> of {template.name} v{template.version}</span>
                        </button>
                        <button type="button" className="button button-small" onClick={() => { setNotice(null); setWriting(template); }}>
                          New version<span className="visually-hidden"> from {template.name} v{template.version}</span>
                        </button>
                        {!template.isDefault && (
                          <button type="button" className="button button-small" disabled={makeDefault.isPending}
                            onClick={() => makeDefault.mutate(template.id, { onSuccess: (t) => setNotice(`“${t.name}” version ${t.version} is now the default.`) })}>
                            Make default<span className="visually-hidden"> {template.name} v{template.version}</span>
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {shown && (
        <section aria-labelledby="questions-heading" className="admin-panel">
          <h2 id="questions-heading">
            Questions of “{shown.name}” v{shown.version}
          </h2>
          <ol className="question-list">
            {shown.questions.map((question) => (
              <li key={question.key}>
                {question.prompt} <span className="question-key">({question.key})</span>
                {question.help && <span className="cell-note">{question.help}</span>}
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}
