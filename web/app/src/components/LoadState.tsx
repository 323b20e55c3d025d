import type { ReactNode } from 'react';

/** The designed loading and error states of a section (UX.md "Every state is designed"). */
export function LoadState({ loading, error, hasData, onRetry, label, children }: {
  loading: boolean; error: string | null; hasData: boolean; onRetry: () => void; label: string; children: ReactNode;
}) {
  if (!hasData && loading) {
    return (
      <div className="skeleton" aria-busy="true" role="status">
        <span className="visually-hidden">Loading {label}…</span>
        <div className="skeleton__line" /><div className="skeleton__line" /><div className="skeleton__line skeleton__line--short" />
      </div>
    );
  }
  return (
    <>
      {error && (
        <div className="inline-error" role="alert">
          <p>We could not load {label}. {error}</p>
          <button type="button" className="button button--secondary" onClick={onRetry}>Try again</button>
        </div>
      )}
      {hasData && children}
    </>
  );
}
