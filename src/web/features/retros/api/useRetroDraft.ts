import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ApiError } from '../../../api/errors';
import { changesOf, conflictsOf, draftOf, mergeDrafts, type Conflict, type Draft, type DraftField } from '../lib/draft';
import { fetchRetrospective, retroKey, saveRetrospective, submitRetrospective, type Retrospective } from './retros';

/** How long typing must pause before the draft is saved. */
export const AUTOSAVE_DELAY_MS = 800;

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'failed'; error: unknown }
  | { kind: 'conflict'; theirs: Retrospective; conflicts: Conflict[] };

/**
 * The retrospective form's draft, saved automatically: a PATCH of the changed fields once typing pauses, with
 * the version the draft was made on. Typed text is never dropped: a failed save keeps the draft (and is retried
 * on the next change or on demand); a 409 fetches the current retrospective and, where both changed the same
 * field, waits for the person to choose per field (`resolve`); their other changes merge in silently.
 */
export function useRetroDraft(incident: string, initial: Retrospective) {
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(initial);
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial));
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const [merged, setMerged] = useState(false);
  const inFlight = useRef<Promise<Retrospective | null> | null>(null);
  // What a save sends and compares with: kept current after every render (and at once by `accept`).
  const latest = useRef({ saved, draft });
  useLayoutEffect(() => {
    latest.current = { saved, draft };
  });

  const accept = useCallback(
    (retro: Retrospective) => {
      // The ref at once: a save queued behind this one must send the new version, before React renders.
      latest.current = { ...latest.current, saved: retro };
      setSaved(retro);
      queryClient.setQueryData(retroKey(incident), retro);
    },
    [incident, queryClient],
  );

  /** Saves what the draft has that the service does not; the saved retrospective (null when it could not). */
  const save = useCallback(async (): Promise<Retrospective | null> => {
    if (inFlight.current) await inFlight.current;
    const { saved: base, draft: sent } = latest.current;
    const changes = changesOf(draftOf(base), sent);
    if (Object.keys(changes).length === 0) return base;
    setState({ kind: 'saving' });
    const run = (async () => {
      try {
        const result = await saveRetrospective(incident, base.version, changes);
        accept(result);
        setState({ kind: 'saved', at: new Date() });
        return result;
      } catch (error) {
        if (error instanceof ApiError && error.code === 'VERSION_CONFLICT') {
          const theirs = await fetchRetrospective(incident).catch(() => null);
          if (theirs) {
            const conflicts = conflictsOf(draftOf(base), latest.current.draft, draftOf(theirs));
            if (conflicts.length > 0) {
              setState({ kind: 'conflict', theirs, conflicts });
              return null;
            }
            // Nothing both changed: their changes and mine together, saved again on their version.
            setDraft((mine) => mergeDrafts(draftOf(base), mine, draftOf(theirs), new Set()));
            accept(theirs);
            setMerged(true);
            setState({ kind: 'idle' });
            return null;
          }
        }
        setState({ kind: 'failed', error });
        return null;
      } finally {
        inFlight.current = null;
      }
    })();
    inFlight.current = run;
    return run;
  }, [incident, accept]);

  const pending = Object.keys(changesOf(draftOf(saved), draft)).length > 0;
  const paused = state.kind === 'conflict' || saved.status === 'submitted';

  useEffect(() => {
    if (!pending || paused) return;
    const timer = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, saved, pending, paused, save]);

  // Leaving with unsaved text asks first (the browser's own prompt).
  useEffect(() => {
    if (!pending) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [pending]);

  /** Applies the choices made in a conflict (`keep`: fields where mine wins) on their version; the autosave then saves it. */
  const resolve = (keep: ReadonlySet<DraftField>) => {
    if (state.kind !== 'conflict') return;
    const { theirs } = state;
    setDraft((mine) => mergeDrafts(draftOf(saved), mine, draftOf(theirs), keep));
    accept(theirs);
    setState({ kind: 'idle' });
  };

  /** Saves what is pending, then submits (POST …/submit) on the saved version. */
  const submit = async (): Promise<Retrospective> => {
    const current = await save();
    if (!current) throw new Error('The draft could not be saved; the retrospective was not submitted.');
    const result = await submitRetrospective(incident, current.version);
    accept(result);
    return result;
  };

  return { saved, draft, setDraft, state, pending, merged, save, resolve, submit };
}
