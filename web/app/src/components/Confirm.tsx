import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A destructive action behind an inline confirmation that names the consequence; focus moves to the
 * question and back to the trigger when kept.
 */
export function Confirm({ trigger, question, confirmLabel, onConfirm, secondary = true, testId }: {
  trigger: string; question: ReactNode; confirmLabel: string; onConfirm: () => Promise<void> | void; secondary?: boolean; testId?: string;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const questionRef = useRef<HTMLParagraphElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) questionRef.current?.focus();
    else if (wasOpen.current) triggerRef.current?.focus();
    wasOpen.current = open;
  }, [open]);
  if (!open) {
    return (
      <button type="button" ref={triggerRef} className={secondary ? 'button button--secondary' : 'link-button'} onClick={() => setOpen(true)}>
        {trigger}
      </button>
    );
  }
  const go = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (e) {
      setError(e instanceof Error && 'summary' in e ? String((e as { summary: string }).summary) : 'That did not work. Nothing was changed — try again.');
      setBusy(false);
      return;
    }
    setBusy(false);
  };
  return (
    <div className="confirm" role="group" aria-label={trigger} data-testid={testId}>
      <p ref={questionRef} tabIndex={-1}>{question}</p>
      {error && <p className="field-error" role="alert">{error}</p>}
      <div className="actions">
        <button type="button" className="button button--danger" onClick={go} aria-disabled={busy || undefined}>{busy ? 'Please wait…' : confirmLabel}</button>
        <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>Cancel</button>
      </div>
    </div>
  );
}
