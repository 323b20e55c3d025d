import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The page's one h1. It takes focus when the page mounts after an in-app navigation, so screen
 * reader and keyboard users start at the new page (not on the link they pressed), and it sets the
 * document title.
 */
export function PageHeading({ children, title }: { children: ReactNode; title?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const text = title ?? (typeof children === 'string' ? children : ref.current?.textContent ?? '');
    document.title = `${text} – Therapy Management System`;
    if (document.activeElement === document.body || document.activeElement?.closest('nav, .skip-link')) {
      ref.current?.focus();
    }
  }, [children, title]);
  return <h1 id="page-title" tabIndex={-1} ref={ref}>{children}</h1>;
}
