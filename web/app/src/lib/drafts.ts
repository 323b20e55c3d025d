import { useEffect } from 'react';

/**
 * Half-written journal entries and messages, kept in this tab's memory only (never in any browser storage) so
 * that a session that dies while someone is writing costs them nothing: the page unmounts for the sign-in page,
 * and after signing in again the same page starts from the draft (UX.md "Nothing is lost").
 *
 * A draft belongs to the user who wrote it: another account signing in on the same tab never sees it, and an
 * explicit sign-out forgets every draft (the person chose to leave; clinical text should not outlive that).
 */
type Draft = { owner: string; values: Record<string, string> };

const drafts = new Map<string, Draft>();

/** The draft of {@code key} written by {@code owner}, or the fallback. */
export function draftOr<V extends Record<string, string>>(key: string, owner: string | undefined, fallback: V): V {
  const d = drafts.get(key);
  return d && owner && d.owner === owner ? { ...fallback, ...(d.values as Partial<V>) } : fallback;
}

/** Keeps the form's values as the draft of {@code key} while they differ from the empty form; forgets it when they don't. */
export function useKeptDraft(key: string, owner: string | undefined, values: Record<string, string>, empty: Record<string, string>) {
  const changed = Object.keys(values).some((k) => values[k] !== (empty[k] ?? ''));
  const snapshot = JSON.stringify(values);
  useEffect(() => {
    if (!owner) return;
    if (changed) drafts.set(key, { owner, values: JSON.parse(snapshot) as Record<string, string> });
    else drafts.delete(key);
  }, [key, owner, snapshot, changed]);
}

export function forgetAllDrafts() {
  drafts.clear();
}

/** Forgets one draft (after it was saved). */
export function forgetDraft(key: string) {
  drafts.delete(key);
}
