import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type { Message } from '../../api/workspace';
import { Link, useParams } from '../../app/router';
import { ErrorSummary, SubmitButton, TextArea, useForm } from '../../components/form';
import { PageHeading } from '../../components/PageHeading';
import { useCaseloadNames } from '../../lib/caseload';
import { draftOr, forgetDraft, useKeptDraft } from '../../lib/drafts';
import { errorText, useLoad } from '../../lib/useLoad';
import { browserZone, formatDateTime, zoneLabel } from '../../lib/zonedTime';
import { useNotificationListener } from '../../notifications/Notifications';
import { useSession } from '../../session/session';

const MAX = 5000;
const check = (v: { content: string }) => (!v.content.trim() ? { content: 'Write a message first' }
  : v.content.length > MAX ? { content: `A message must be 5,000 characters or fewer (now ${v.content.length})` } : {});

export default function MessageThread() {
  const { userId } = useParams<{ userId: string }>();
  const { me } = useSession();
  const zone = browserZone();
  const names = useCaseloadNames(me?.userId);
  const who = names[userId] ?? 'this client';
  const { data, error, reload } = useLoad(() => api.get<Page<Message>>(`/api/messages?with=${encodeURIComponent(userId)}&limit=100`), [userId]);
  useNotificationListener((n) => { if (n.type === 'message.received') void reload(); });
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  // what the client sent and we now show counts as read
  useEffect(() => {
    for (const m of data?.items ?? []) {
      if (m.recipientId === me?.userId && m.status !== 'read' && !m.deleted) {
        api.put(`/api/messages/${m.messageId}`, { status: 'read' }).catch(() => { /* stays unread; harmless */ });
      }
    }
  }, [data, me?.userId]);

  const draftKey = `message:${userId}`;
  const form = useForm(draftOr(draftKey, me?.userId, { content: '' }), check);
  useKeptDraft(draftKey, me?.userId, form.values, { content: '' });
  const send = form.handleSubmit(async (v) => {
    await api.post('/api/messages', { recipientId: userId, content: v.content });
    forgetDraft(draftKey);
    form.reset({ content: '' }); // not the initial values: they may have been the draft just sent
    await reload();
  });

  const remove = async (m: Message) => {
    try {
      await api.del(`/api/messages/${m.messageId}`);
      setStatus('Message deleted.');
    } catch (err) {
      setStatus(`Could not delete: ${errorText(err)}`);
    }
    await reload();
  };

  const items = (data?.items ?? []).slice().reverse();
  return (
    <>
      <PageHeading>{`Messages with ${who}`}</PageHeading>
      <p><Link to="/therapist/messages">← All conversations</Link> · <span className="muted">Times in {zoneLabel(zone)}</span></p>
      {status && <p role="status">{status}</p>}
      {error && <p className="notice" role="alert">{error}</p>}
      {!data && !error && <p className="skeleton">Loading messages…</p>}
      {data && !items.length && <p className="empty">No messages yet.</p>}
      <ol className="thread" data-testid="thread">
        {items.map((m) => {
          const mine = m.senderId === me?.userId;
          return (
            <li key={m.messageId} className={`message ${mine ? 'message--mine' : 'message--theirs'}`} data-testid="message">
              <p className="muted">{mine ? 'You' : who} · {formatDateTime(m.timestamp, zone)}{m.edited && !m.deleted ? ' · edited' : ''}</p>
              {m.deleted ? <p className="muted">Message deleted</p>
                : editing === m.messageId ? <EditMessage message={m} onDone={async () => { setEditing(null); await reload(); }} />
                  : <p className="message-content">{m.content}</p>}
              {mine && !m.deleted && editing !== m.messageId && (
                <p>
                  <button type="button" className="link-button" onClick={() => setEditing(m.messageId)}>Edit</button>{' '}
                  <button type="button" className="link-button" onClick={() => void remove(m)}>Delete</button>
                </p>
              )}
            </li>
          );
        })}
      </ol>
      <form onSubmit={send} noValidate>
        <ErrorSummary form={form} />
        <TextArea form={form} name="content" label="Your message" hint={`Only you and ${who} can read this conversation.`} rows={3} />
        <SubmitButton submitting={form.submitting}>Send</SubmitButton>
      </form>
    </>
  );
}

function EditMessage({ message, onDone }: { message: Message; onDone: () => Promise<void> }) {
  const form = useForm({ content: message.content ?? '' }, check);
  const save = form.handleSubmit(async (v) => {
    await api.put(`/api/messages/${message.messageId}`, { content: v.content });
    await onDone();
  });
  return (
    <form onSubmit={save} noValidate>
      <ErrorSummary form={form} />
      <TextArea form={form} name="content" label="Edit message" rows={3} />
      <SubmitButton submitting={form.submitting}>Save message</SubmitButton>{' '}
      <button type="button" className="button button--secondary" onClick={() => void onDone()}>Cancel</button>
    </form>
  );
}
