/**
 * Where to go after signing in (`?next=`): a path of this app only. Anything else (another origin, `//host`,
 * `/\\host`, which browsers read as `//host`, or nothing) leads to the start page.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/';
  return next;
}
