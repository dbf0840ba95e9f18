import { useState, type FormEvent } from 'react';
import { formErrorsOf } from '../../../api/errors';
import { FormField, TextAreaField } from '../../../components/FormField';
import { useCreateRetroTemplate, type RetroTemplate } from '../api/retro-templates';
import { useFocusOnMount } from '../lib/use-focus-on-mount';
import { FormActions } from './FormActions';

interface QuestionDraft {
  /** Only for React's list keys: questions can be removed from the middle. */
  id: number;
  key: string;
  prompt: string;
  help: string;
}

let nextId = 1;
const draft = (question?: { key: string; prompt: string; help?: string | null }): QuestionDraft => ({
  id: nextId++, key: question?.key ?? '', prompt: question?.prompt ?? '', help: question?.help ?? '',
});

/**
 * Write a template: the next version of `from` (its name and questions to start with), or version 1 of a new
 * name. Templates never change once written; retrospectives keep the version they started with.
 */
export function RetroTemplateForm({ from, onSaved, onCancel }: { from: RetroTemplate | null; onSaved: (saved: RetroTemplate) => void; onCancel: () => void }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const create = useCreateRetroTemplate();
  const [name, setName] = useState(from?.name ?? '');
  const [questions, setQuestions] = useState<QuestionDraft[]>(() => (from ? from.questions.map(draft) : [draft()]));

  const change = (id: number, field: 'key' | 'prompt' | 'help', value: string) =>
    setQuestions((current) => current.map((q) => (q.id === id ? { ...q, [field]: value } : q)));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate(
      { name, questions: questions.map((q) => (q.help.trim() ? { key: q.key.trim(), prompt: q.prompt, help: q.help } : { key: q.key.trim(), prompt: q.prompt })) },
      { onSuccess: onSaved },
    );
  };

  const fields = ['name', 'questions', ...questions.flatMap((_, i) => [`questions.${i}.key`, `questions.${i}.prompt`, `questions.${i}.help`])];
  const errors = create.error ? formErrorsOf(create.error, fields) : undefined;
  const title = from ? `New version of “${from.name}”` : 'New template';

  return (
    <form className="admin-panel form" onSubmit={submit} noValidate aria-labelledby="template-form-heading">
      <h2 id="template-form-heading" ref={heading} tabIndex={-1}>{title}</h2>
      <p className="field-hint">
        {from
          ? `Saved as version ${from.version + 1}${from.isDefault ? ', and it becomes the default' : ''}. Retrospectives already started keep the version they use.`
          : 'A new name starts at version 1. Make it the default afterwards if new retrospectives should use it.'}
      </p>
      <FormField label="Template name" name="name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} error={errors?.fields.name}
        readOnly={from !== null} hint={from ? 'A new version keeps the name; start a new template for another name' : undefined} />
      <p className="field-hint">
        Each question has a key that answers refer to: a lowercase letter, then lowercase letters, digits or _ (e.g. went_well). Keep a
        question&rsquo;s key when you reword it, so answers to earlier versions still line up.
      </p>
      {errors?.fields.questions && <p className="field-error">{errors.fields.questions}</p>}
      {questions.map((question, index) => (
        <fieldset key={question.id} className="question-editor">
          <legend>Question {index + 1}</legend>
          <FormField label="Key" name={`questions.${index}.key`} autoComplete="off"
            value={question.key} onChange={(e) => change(question.id, 'key', e.target.value)} error={errors?.fields[`questions.${index}.key`]} />
          <FormField label="Question" name={`questions.${index}.prompt`} autoComplete="off" value={question.prompt}
            onChange={(e) => change(question.id, 'prompt', e.target.value)} error={errors?.fields[`questions.${index}.prompt`]} />
          <div className="question-help">
          <TextAreaField label="Guidance (optional)" name={`questions.${index}.help`} rows={2} value={question.help}
            onChange={(e) => change(question.id, 'help', e.target.value)} error={errors?.fields[`questions.${index}.help`]} />
          </div>
          <div className="row-actions question-actions">
            <button type="button" className="button button-small" disabled={index === 0}
              onClick={() => setQuestions((current) => [...current.slice(0, index - 1), current[index], current[index - 1], ...current.slice(index + 1)])}>
              Move up<span className="visually-hidden"> question {index + 1}</span>
            </button>
            <button type="button" className="button button-small" disabled={questions.length === 1}
              onClick={() => setQuestions((current) => current.filter((q) => q.id !== question.id))}>
              Remove<span className="visually-hidden"> question {index + 1}</span>
            </button>
          </div>
        </fieldset>
      ))}
      <div>
        <button type="button" className="button" onClick={() => setQuestions((current) => [...current, draft()])}>
          Add a question
        </button>
      </div>
      <FormActions error={errors?.form} pending={create.isPending} submitLabel={from ? `Save version ${from.version + 1}` : 'Save template'} pendingLabel="Saving…" onCancel={onCancel} />
    </form>
  );
}
