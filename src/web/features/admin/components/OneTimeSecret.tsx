import { useState, type ReactNode } from 'react';
import { useFocusOnMount } from '../lib/use-focus-on-mount';

/**
 * A secret the service returns once (a token, a one-time password): shown with a copy button until the admin
 * says they have it; it takes focus when it appears (the form that asked for it is gone). It lives only in this page's memory: after a reload it is gone, as on the server.
 */
export function OneTimeSecret({ label, secret, children, onDone }: { label: string; secret: string; children: ReactNode; onDone: () => void }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = () => {
    navigator.clipboard.writeText(secret).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };
  return (
    <section className="one-time-secret" aria-label={label}>
      <h2 ref={heading} tabIndex={-1}>
        {label}
      </h2>
      <div className="secret-text">{children}</div>
      <div className="secret-row">
        <code className="secret-value" data-testid="one-time-secret">
          {secret}
        </code>
        <button type="button" className="button" onClick={copy}>
          Copy<span className="visually-hidden"> {label.toLowerCase()}</span>
        </button>
      </div>
      <p role="status" className="secret-copied">
        {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'failed' ? 'The browser did not allow copying: select the text and copy it by hand.' : ''}
      </p>
      <button type="button" className="button button-primary" onClick={onDone}>
        I have stored it
      </button>
    </section>
  );
}
