import { useEffect, useRef } from 'react';

/**
 * A ref whose element takes focus when it first renders: a form opened by a button elsewhere on the page
 * (a row's Edit) is where keyboard and screen-reader users are taken, not left behind at the button.
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
