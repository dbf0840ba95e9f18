import { useId } from 'react';
import { findBlameHints } from '../../../../retros/blame-hints';
import { segmentsOf } from '../lib/highlight';

interface AnswerFieldProps {
  question: { key: string; prompt: string; help: string | null };
  value: string;
  onChange: (value: string) => void;
  /** Names the hints watch for as causes (the incident's roles, facilitator, attendees), as the API does. */
  people: string[];
}

/**
 * One template question and its answer. Blame-shaped phrases (the shared blame-hints module, the same the API
 * runs) are marked under the field with a systems-focused way to say it: a hint, never a block.
 */
export function AnswerField({ question, value, onChange, people }: AnswerFieldProps) {
  const id = useId();
  const hints = findBlameHints(value, people);
  const hintId = question.help ? `${id}-help` : undefined;
  const blameId = hints.length > 0 ? `${id}-blame` : undefined;
  return (
    <div className="field retro-answer">
      <label htmlFor={id}>{question.prompt}</label>
      {question.help && <p id={hintId} className="field-hint">{question.help}</p>}
      <textarea id={id} name={question.key} rows={4} value={value} onChange={(e) => onChange(e.target.value)}
        aria-describedby={[hintId, blameId].filter(Boolean).join(' ') || undefined} />
      {hints.length > 0 && (
        <div id={blameId} className="blame-hints" data-testid="blame-hints">
          <p className="blame-hints-title">Blameless-language hint{hints.length > 1 ? 's' : ''} (saving is never blocked)</p>
          <p className="blame-preview">
            {segmentsOf(value, hints).map((segment, i) => (segment.hint ? <mark key={i}>{segment.text}</mark> : <span key={i}>{segment.text}</span>))}
          </p>
          <ul>
            {hints.map((hint) => (
              <li key={hint.index}>
                <q className="blame-phrase">{hint.phrase}</q> <span className="blame-message">{hint.message}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
