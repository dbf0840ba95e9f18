/** A piece of an answer: plain text, or a blame-shaped phrase with its hint. */
export interface Segment {
  text: string;
  hint?: { message: string };
}

/**
 * An answer cut at its hints (from the shared blame-hints module: index and phrase), in order, so the form
 * can mark each phrase. Hints that overlap or fall outside the text are skipped; the pieces always join to the text.
 */
export function segmentsOf(text: string, hints: readonly { index: number; phrase: string; message: string }[]): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  for (const hint of [...hints].sort((a, b) => a.index - b.index)) {
    const end = hint.index + hint.phrase.length;
    if (hint.index < at || end > text.length || text.slice(hint.index, end) !== hint.phrase) continue;
    if (hint.index > at) segments.push({ text: text.slice(at, hint.index) });
    segments.push({ text: hint.phrase, hint: { message: hint.message } });
    at = end;
  }
  if (at < text.length) segments.push({ text: text.slice(at) });
  return segments;
}
