import type { ReactNode } from 'react';

/**
 * A page's heading and the document title (React 19 hoists <title> into <head>). The heading takes focus
 * after navigation (the shell moves it there), so screen-reader and keyboard users start at the page.
 */
export function PageTitle({ children, title }: { children: ReactNode; title: string }) {
  return (
    <>
      <title>{`${title} · Hindsight`}</title>
      <h1 tabIndex={-1} className="page-title">
        {children}
      </h1>
    </>
  );
}
