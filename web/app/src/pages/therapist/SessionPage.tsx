import { useEffect, useId, useRef, useState } from 'react';
import { api } from '../../api/client';
import { SessionEndedError } from '../../api/problem';
import type { Session } from '../../api/workspace';
import { SESSION_STATUS } from '../../api/workspace';
import { Link, useParams } from '../../app/router';
import { PageHeading } from '../../components/PageHeading';
import { useCaseloadNames } from '../../lib/caseload';
import { errorText } from '../../lib/useLoad';
import { browserZone, formatDateTime, formatTime, zoneLabel } from '../../lib/zonedTime';
import { useSession } from '../../session/session';

const MAX_NOTES = 20_000;

export default function SessionPage() {
  const { sessionId } = useParams<{ sessionId: string }>();
  const { me } = useSession();
  const names = useCaseloadNames(me?.userId);
  const zone = browserZone();
  const [session, setSession] = useState<Session | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [statusMsg, setStatusMsg] = useState<{ text: string; failed: boolean } | null>(null);

  useEffect(() => {
    api.get<Session>(`/api/sessions/${sessionId}`).then(setSession).catch((err) => {
      if (!(err instanceof SessionEndedError)) setError(errorText(err));
    });
  }, [sessionId]);

  const setStatus = async (status: 'completed' | 'no_show') => {
    try {
      const updated = await api.put<Session>(`/api/sessions/${sessionId}`, { status });
      setSession((s) => (s ? { ...s, status: updated.status } : updated));
      setStatusMsg({ text: `Marked as ${SESSION_STATUS[updated.status].toLowerCase()}.`, failed: false });
    } catch (err) {
      setStatusMsg({ text: `Could not change the status: ${errorText(err)}`, failed: true });
    }
  };

  if (error) return <><PageHeading>Session</PageHeading><p className="notice" role="alert">{error}</p></>;
  if (!session) return <><PageHeading>Session</PageHeading><p className="skeleton">Loading…</p></>;
  const who = names[session.clientId] ?? 'a client';
  return (
    <>
      <PageHeading>{`Session with ${who}`}</PageHeading>
      <p><Link to="/therapist/sessions">← All sessions</Link> · <Link to={`/therapist/clients/${session.clientId}`}>{who}’s page</Link></p>
      <dl className="summary-list">
        <div><dt>When</dt><dd>{formatDateTime(session.startTime, zone)}–{formatTime(session.endTime, zone)} ({zoneLabel(zone)})</dd></div>
        <div><dt>Status</dt><dd data-testid="session-status">{SESSION_STATUS[session.status]}</dd></div>
      </dl>
      {session.status === 'scheduled' && (
        <p>
          <button type="button" className="button button--secondary" onClick={() => void setStatus('completed')}>Mark completed</button>{' '}
          <button type="button" className="button button--secondary" onClick={() => void setStatus('no_show')}>Mark no-show</button>
        </p>
      )}
      {statusMsg && <p role={statusMsg.failed ? 'alert' : 'status'} className={statusMsg.failed ? 'notice' : 'confirmation'}>{statusMsg.text}</p>}
      <NotesEditor sessionId={session.sessionId} field="sharedNotes" label="Shared notes" initial={session.sharedNotes ?? ''}
        privacy={`Shared with ${who}: they see these notes with the session.`} />
      <NotesEditor sessionId={session.sessionId} field="privateNotes" label="Private notes" initial={session.privateNotes ?? ''}
        privacy="Private — never shown to the client" isPrivate />
    </>
  );
}

type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

/** One notes field with its own save state; the text stays in state whatever happens to the save. */
function NotesEditor({ sessionId, field, label, initial, privacy, isPrivate }: {
  sessionId: string; field: 'sharedNotes' | 'privateNotes'; label: string; initial: string; privacy: string; isPrivate?: boolean;
}) {
  const id = useId();
  const [text, setText] = useState(initial);
  const [savedText, setSavedText] = useState(initial);
  const [state, setState] = useState<SaveState>('idle');
  const [problem, setProblem] = useState<string | null>(null);
  const inFlight = useRef(false);
  const tooLong = text.length > MAX_NOTES;

  const save = async () => {
    if (inFlight.current) return;
    if (tooLong) { setProblem(`${label} must be ${MAX_NOTES.toLocaleString('en-GB')} characters or fewer (now ${text.length.toLocaleString('en-GB')})`); setState('failed'); return; }
    inFlight.current = true;
    const sending = text;
    setState('saving');
    setProblem(null);
    try {
      await api.put(`/api/sessions/${sessionId}`, { [field]: sending });
      setSavedText(sending);
      setState('saved');
    } catch (err) {
      if (err instanceof SessionEndedError) { setState('failed'); return; }
      setProblem(errorText(err));
      setState('failed');
    } finally {
      inFlight.current = false;
    }
  };

  const dirty = text !== savedText;
  const describedBy = [`${id}-privacy`, problem ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <section className={`notes-editor${isPrivate ? ' notes-editor--private' : ''}`} aria-labelledby={`${id}-title`} data-testid={`editor-${field}`}>
      <h2 id={`${id}-title`}>{label}</h2>
      <p id={`${id}-privacy`} className={isPrivate ? 'privacy privacy--private' : 'privacy'} data-testid={`${field}-privacy`}>{privacy}</p>
      <div className={`field${problem ? ' field--error' : ''}`}>
        <label htmlFor={id}>{label}</label>
        {problem && <p className="field-error" id={`${id}-error`} role="alert"><span className="visually-hidden">Error: </span>{problem}</p>}
        <textarea id={id} rows={8} value={text} onChange={(e) => { setText(e.target.value); if (state === 'saved') setState('idle'); }}
          aria-invalid={!!problem} aria-describedby={describedBy} />
        <p className="hint">{text.length.toLocaleString('en-GB')} / {MAX_NOTES.toLocaleString('en-GB')} characters</p>
      </div>
      <p>
        <button type="button" className="button" onClick={() => void save()} aria-disabled={state === 'saving'}>
          {state === 'failed' ? `Retry saving ${label.toLowerCase()}` : `Save ${label.toLowerCase()}`}
        </button>{' '}
        <span role="status" className="save-state" data-testid={`${field}-state`}>
          {state === 'saving' ? 'Saving…' : state === 'saved' && !dirty ? 'Saved' : state === 'failed' ? 'Not saved — your text is kept here. Retry.' : dirty ? 'Unsaved changes' : ''}
        </span>
      </p>
    </section>
  );
}
