import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { ApiError, SessionEndedError, UnreachableError } from '../api/problem';

/**
 * Forms in the GOV.UK pattern: an error summary at the top (focused after a failed submit, each
 * entry a link to its field) and the message again beside the field. The API's problem+json
 * `errors[{field,message}]` land on the fields of the same name; the rest goes into the summary.
 * Values live in React state only, so a failed save or a dropped network loses nothing.
 */

export type Errors<V> = Partial<Record<keyof V & string, string>>;

export interface FormState<V extends Record<string, string>> {
  values: V;
  errors: Errors<V>;
  /** A message that belongs to no field. */
  summary: string | null;
  submitting: boolean;
  set: (name: keyof V & string, value: string) => void;
  reset: (values?: V) => void;
  /** Wraps the submit action: client checks, one submission at a time, errors mapped. */
  handleSubmit: (action: (values: V) => Promise<void>) => (e: FormEvent) => void;
  idFor: (name: keyof V & string) => string;
  summaryRef: React.RefObject<HTMLDivElement | null>;
}

export function useForm<V extends Record<string, string>>(
  initial: V,
  validate?: (values: V) => Errors<V>,
): FormState<V> {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<Errors<V>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const inFlight = useRef(false);
  const summaryRef = useRef<HTMLDivElement | null>(null);
  const prefix = useId();
  const [focusSummary, setFocusSummary] = useState(0);

  useEffect(() => {
    if (focusSummary) summaryRef.current?.focus();
  }, [focusSummary]);

  const set = useCallback((name: keyof V & string, value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
  }, []);

  const handleSubmit = (action: (values: V) => Promise<void>) => async (e: FormEvent) => {
    e.preventDefault();
    if (inFlight.current) return;
    const clientErrors = validate?.(values) ?? {};
    if (Object.keys(clientErrors).length) {
      setErrors(clientErrors);
      setSummary(null);
      setFocusSummary((n) => n + 1);
      return;
    }
    inFlight.current = true;
    setSubmitting(true);
    setErrors({});
    setSummary(null);
    try {
      await action(values);
    } catch (err) {
      if (err instanceof SessionEndedError) return;
      const { fieldErrors, rest } = mapError<V>(err, values);
      setErrors(fieldErrors);
      setSummary(rest);
      setFocusSummary((n) => n + 1);
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  };

  return {
    values, errors, summary, submitting, set, handleSubmit, summaryRef,
    reset: (v) => {
      setValues(v ?? initial);
      setErrors({});
      setSummary(null);
    },
    idFor: (name) => `${prefix}-${name}`,
  };
}

function mapError<V extends Record<string, string>>(err: unknown, values: V): { fieldErrors: Errors<V>; rest: string | null } {
  if (err instanceof UnreachableError) {
    return { fieldErrors: {}, rest: 'We could not reach the server. Nothing you entered is lost — try again in a moment.' };
  }
  if (err instanceof ApiError) {
    const fieldErrors: Errors<V> = {};
    const unplaced: string[] = [];
    for (const [field, message] of Object.entries(err.fieldErrors)) {
      if (field in values) fieldErrors[field as keyof V & string] = message;
      else unplaced.push(message);
    }
    const hasFields = Object.keys(fieldErrors).length > 0;
    const rest = unplaced.length ? unplaced.join(' ') : hasFields ? null : err.summary;
    return { fieldErrors, rest };
  }
  return { fieldErrors: {}, rest: 'Something went wrong. Try again.' };
}

export function ErrorSummary<V extends Record<string, string>>({ form, labels }: { form: FormState<V>; labels?: Partial<Record<keyof V, string>> }) {
  const entries = Object.entries(form.errors).filter(([, m]) => m) as [keyof V & string, string][];
  if (!entries.length && !form.summary) return null;
  const focusField = (name: keyof V & string) => (e: React.MouseEvent) => {
    e.preventDefault();
    document.getElementById(form.idFor(name))?.focus();
  };
  return (
    <div className="error-summary" ref={form.summaryRef} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">There is a problem</h2>
      <ul>
        {form.summary && <li>{form.summary}</li>}
        {entries.map(([name, message]) => (
          <li key={name}>
            <a href={`#${form.idFor(name)}`} onClick={focusField(name)} title={labels?.[name]}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

type FieldProps<V extends Record<string, string>> = {
  form: FormState<V>;
  name: keyof V & string;
  label: string;
  hint?: ReactNode;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'form' | 'name' | 'value' | 'onChange' | 'id'>;

/** The label, hint and error around one control; `describedBy` goes on the control itself. */
function FieldShell({ id, label, hint, error, children }: {
  id: string; label: string; hint?: ReactNode; error?: string; children: (describedBy: string | undefined) => ReactNode;
}) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && <p className="hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p className="field-error" id={`${id}-error`}><span className="visually-hidden">Error: </span>{error}</p>}
      {children(describedBy)}
    </div>
  );
}

export function TextField<V extends Record<string, string>>({ form, name, label, hint, className, ...input }: FieldProps<V>) {
  const id = form.idFor(name);
  const error = form.errors[name];
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <input
          id={id}
          name={name}
          className={className}
          value={form.values[name]}
          onChange={(e) => form.set(name, e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          {...input}
        />
      )}
    </FieldShell>
  );
}

type TextAreaProps<V extends Record<string, string>> = {
  form: FormState<V>;
  name: keyof V & string;
  label: string;
  hint?: ReactNode;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'form' | 'name' | 'value' | 'onChange' | 'id'>;

export function TextArea<V extends Record<string, string>>({ form, name, label, hint, rows = 6, ...area }: TextAreaProps<V>) {
  const id = form.idFor(name);
  const error = form.errors[name];
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <textarea
          id={id}
          name={name}
          rows={rows}
          value={form.values[name]}
          onChange={(e) => form.set(name, e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          {...area}
        />
      )}
    </FieldShell>
  );
}

type SelectProps<V extends Record<string, string>> = {
  form: FormState<V>;
  name: keyof V & string;
  label: string;
  hint?: ReactNode;
  options: { value: string; label: string }[];
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'form' | 'name' | 'value' | 'onChange' | 'id'>;

export function SelectField<V extends Record<string, string>>({ form, name, label, hint, options, ...select }: SelectProps<V>) {
  const id = form.idFor(name);
  const error = form.errors[name];
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <select
          id={id}
          name={name}
          value={form.values[name]}
          onChange={(e) => form.set(name, e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          {...select}
        >
          {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      )}
    </FieldShell>
  );
}

/** A yes/no field kept as the strings "true" / "false", like every other value of useForm. */
export function Checkbox<V extends Record<string, string>>({ form, name, label, hint }: {
  form: FormState<V>; name: keyof V & string; label: string; hint?: ReactNode;
}) {
  const id = form.idFor(name);
  const error = form.errors[name];
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field checkbox${error ? ' field--error' : ''}`}>
      {error && <p className="field-error" id={`${id}-error`}><span className="visually-hidden">Error: </span>{error}</p>}
      <input
        type="checkbox"
        id={id}
        name={name}
        checked={form.values[name] === 'true'}
        onChange={(e) => form.set(name, String(e.target.checked))}
        aria-describedby={describedBy}
      />
      <label htmlFor={id}>{label}</label>
      {hint && <p className="hint" id={`${id}-hint`}>{hint}</p>}
    </div>
  );
}

type RadioProps<V extends Record<string, string>> = {
  form: FormState<V>;
  name: keyof V & string;
  legend: string;
  options: { value: string; label: string; hint?: string }[];
};

export function RadioGroup<V extends Record<string, string>>({ form, name, legend, options }: RadioProps<V>) {
  const id = form.idFor(name);
  const error = form.errors[name];
  return (
    <fieldset className={`field${error ? ' field--error' : ''}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {error && <p className="field-error" id={`${id}-error`}><span className="visually-hidden">Error: </span>{error}</p>}
      {options.map((o, i) => (
        <div className="radio" key={o.value}>
          <input
            type="radio"
            id={i === 0 ? id : `${id}-${o.value}`}
            name={name}
            value={o.value}
            checked={form.values[name] === o.value}
            onChange={() => form.set(name, o.value)}
            aria-describedby={o.hint ? `${id}-${o.value}-hint` : undefined}
          />
          <label htmlFor={i === 0 ? id : `${id}-${o.value}`}>{o.label}</label>
          {o.hint && <p className="hint" id={`${id}-${o.value}-hint`}>{o.hint}</p>}
        </div>
      ))}
    </fieldset>
  );
}

export function SubmitButton({ submitting, children, busyLabel }: { submitting: boolean; children: ReactNode; busyLabel?: string }) {
  return (
    <button type="submit" className="button" aria-disabled={submitting || undefined}>
      {submitting ? busyLabel ?? 'Please wait…' : children}
    </button>
  );
}
