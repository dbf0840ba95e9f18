import { formErrorsOf } from '../../../api/errors';
import type { SaveState } from '../api/useRetroDraft';

const time = (at: Date) => `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;

/** Where the draft stands, announced politely: saving…, saved at hh:mm, or not saved (the text stays in the form). */
export function SaveStatus({ state, pending, onRetry, fields }: { state: SaveState; pending: boolean; onRetry: () => void; fields: readonly string[] }) {
  let text: string;
  let tone = 'neutral';
  if (state.kind === 'saving') text = 'Saving…';
  else if (state.kind === 'failed') {
    // Problems with a field are said beside it; here only what concerns the form as a whole.
    const problem = formErrorsOf(state.error, fields).form ?? 'a field below needs fixing';
    text = `Not saved: ${problem.replace(/\.$/, '')}. Your text is kept here.`;
    tone = 'error';
  } else if (state.kind === 'conflict') {
    text = 'Not saved: someone else changed this retrospective. Choose below.';
    tone = 'error';
  } else if (pending) text = 'Unsaved changes…';
  else if (state.kind === 'saved') text = `Saved at ${time(state.at)}`;
  else text = 'All changes saved';
  return (
    <div className={`save-status save-status-${tone}`}>
      <span role="status" data-testid="save-status">{text}</span>
      {state.kind === 'failed' && (
        <button type="button" className="button button-small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
