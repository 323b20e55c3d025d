import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import type { Conversation, Message } from '../../api/portal';
import type { Page } from '../../api/types';
import { Confirm } from '../../components/Confirm';
import { ErrorSummary, SubmitButton, TextArea, useForm } from '../../components/form';
import { LoadState } from '../../components/LoadState';
import { PageHeading } from '../../components/PageHeading';
import { listAll, loadLinkedTherapists, loadProfile, therapistNames, zoneOf } from '../../lib/clientProfile';
import { formatDateTime } from '../../lib/time';
import { draftOr, forgetDraft, useKeptDraft } from '../../lib/drafts';
import { useLoad } from '../../lib/useLoad';
import { useNotificationListener } from '../../notifications/Notifications';
import { useSession } from '../../session/session';

const MESSAGE_MAX = 5000;

interface Row { withUserId: string; name: string; unread: number; last: string | null; deleted: boolean }

async function loadConversations(clientId: string) {
  const [profile, conversations, linked] = await Promise.all([
    loadProfile(clientId), listAll<Conversation>('/api/conversations'), loadLinkedTherapists(clientId),
  ]);
  const names = await therapistNames(conversations.map((c) => c.withUserId));
  const rows: Row[] = conversations.map((c) => ({
    withUserId: c.withUserId, name: c.withUserDeleted ? 'Deleted account' : names[c.withUserId], unread: c.unreadCount, last: c.lastMessageAt, deleted: c.withUserDeleted,
  }));
  for (const t of linked) {
    if (!rows.some((r) => r.withUserId === t.therapistId)) rows.push({ withUserId: t.therapistId, name: t.name, unread: 0, last: null, deleted: false });
  }
  return { zone: zoneOf(profile), rows };
}

export default function Messages() {
  const { me } = useSession();
  const clientId = me!.userId;
  const list = useLoad(() => loadConversations(clientId), [clientId]);
  const [open, setOpen] = useState<string | null>(null);
  const [pushed, setPushed] = useState(0);
  useNotificationListener((n) => {
    if (n.type === 'message.received') { void list.reload(); setPushed((p) => p + 1); }
  });
  const d = list.data;
  const current = d?.rows.find((r) => r.withUserId === open) ?? null;
  return (
    <>
      <PageHeading>Messages</PageHeading>
      <div className="messages">
        <section aria-labelledby="conversations-title" className="messages__list">
          <h2 id="conversations-title">Conversations</h2>
          <LoadState loading={list.loading} error={list.error} hasData={!!d} onRetry={list.reload} label="your conversations">
            {d && (d.rows.length === 0 ? <p className="empty">No conversations. Once a therapist links with you, you can write to them here.</p> : (
              <ul className="conversation-list" data-testid="conversations">
                {d.rows.map((r) => (
                  <li key={r.withUserId}>
                    <button type="button" className="conversation" aria-current={open === r.withUserId ? 'true' : undefined} onClick={() => setOpen(r.withUserId)}>
                      <span className="conversation__name">{r.name}</span>
                      {r.unread > 0 && <span className="badge" data-testid="unread-count">{r.unread} unread</span>}
                      {r.last && <span className="conversation__when">{formatDateTime(r.last, d.zone, false)}</span>}
                    </button>
                  </li>
                ))}
              </ul>
            ))}
          </LoadState>
        </section>
        {current && d && (
          <Thread key={current.withUserId} me={clientId} withUser={current} zone={d.zone} pushed={pushed} onRead={list.reload} />
        )}
      </div>
    </>
  );
}

function Thread({ me, withUser, zone, pushed, onRead }: { me: string; withUser: Row; zone: string; pushed: number; onRead: () => Promise<void> }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const thread = useLoad(async () => {
    const page = await api.get<Page<Message>>(`/api/messages?with=${withUser.withUserId}&limit=100`);
    const unread = page.items.filter((m) => m.recipientId === me && m.status !== 'read' && !m.deleted);
    if (unread.length) {
      await Promise.all(unread.map((m) => api.put(`/api/messages/${m.messageId}`, { status: 'read' }).catch(() => undefined)));
      void onRead();
    }
    return [...page.items].reverse();
  }, [withUser.withUserId, pushed]);
  const draftKey = `message:${withUser.withUserId}`;
  const form = useForm(draftOr(draftKey, me, { content: '' }), (v) =>
    !v.content.trim() ? { content: 'Write a message first' } : v.content.length > MESSAGE_MAX ? { content: 'Your message must be 5,000 characters or fewer' } : {});
  useKeptDraft(draftKey, me, form.values, { content: '' });
  const send = form.handleSubmit(async (v) => {
    await api.post('/api/messages', { recipientId: withUser.withUserId, content: v.content });
    forgetDraft(draftKey);
    form.reset({ content: '' }); // not the initial values: they may have been the draft just sent
    await thread.reload();
  });
  return (
    <section aria-labelledby="thread-title" className="messages__thread">
      <h2 id="thread-title" ref={headingRef} tabIndex={-1}>Conversation with {withUser.name}</h2>
      <LoadState loading={thread.loading} error={thread.error} hasData={!!thread.data} onRetry={thread.reload} label="the conversation">
        {thread.data && (thread.data.length === 0 ? <p className="empty">No messages yet. Say hello.</p> : (
          <ol className="thread" data-testid="thread">
            {thread.data.map((m) => <MessageItem key={m.messageId} m={m} mine={m.senderId === me} name={withUser.name} zone={zone} onChanged={thread.reload} />)}
          </ol>
        ))}
      </LoadState>
      {!withUser.deleted && (
        <form onSubmit={send} noValidate>
          <ErrorSummary form={form} />
          <TextArea form={form} name="content" label={`Message to ${withUser.name}`} rows={3} />
          <SubmitButton submitting={form.submitting} busyLabel="Sending…">Send</SubmitButton>
        </form>
      )}
    </section>
  );
}

function MessageItem({ m, mine, name, zone, onChanged }: { m: Message; mine: boolean; name: string; zone: string; onChanged: () => Promise<void> }) {
  const [editing, setEditing] = useState(false);
  const form = useForm({ content: m.content ?? '' }, (v) =>
    !v.content.trim() ? { content: 'A message cannot be empty' } : v.content.length > MESSAGE_MAX ? { content: 'Your message must be 5,000 characters or fewer' } : {});
  const save = form.handleSubmit(async (v) => {
    await api.put(`/api/messages/${m.messageId}`, { content: v.content });
    setEditing(false);
    await onChanged();
  });
  const when = formatDateTime(m.timestamp, zone, false);
  return (
    <li className={`message${mine ? ' message--mine' : ''}`} data-testid="message">
      <p className="message__meta"><strong>{mine ? 'You' : name}</strong> · {when}{m.edited && !m.deleted ? ' · edited' : ''}</p>
      {m.deleted ? <p className="empty">Message deleted</p> : editing ? (
        <form onSubmit={save} noValidate>
          <ErrorSummary form={form} />
          <TextArea form={form} name="content" label="Edit your message" rows={3} />
          <div className="actions">
            <SubmitButton submitting={form.submitting} busyLabel="Saving…">Save message</SubmitButton>
            <button type="button" className="button button--secondary" onClick={() => setEditing(false)}>Cancel</button>
          </div>
        </form>
      ) : (
        <>
          <p className="prewrap" data-testid="message-content">{m.content}</p>
          {mine && (
            <div className="actions">
              <button type="button" className="link-button" onClick={() => setEditing(true)}>Edit message of {when}</button>
              <Confirm secondary={false} trigger={`Delete message of ${when}`}
                question={<>Delete this message? {name} will see that a message was deleted, not what it said.</>}
                confirmLabel="Yes, delete it"
                onConfirm={async () => { await api.del(`/api/messages/${m.messageId}`); await onChanged(); }} />
            </div>
          )}
        </>
      )}
    </li>
  );
}
