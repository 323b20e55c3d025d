import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type { CaseloadClient, Conversation } from '../../api/workspace';
import { Link } from '../../app/router';
import { PageHeading } from '../../components/PageHeading';
import { useLoad } from '../../lib/useLoad';
import { browserZone, formatDateTime } from '../../lib/zonedTime';
import { useNotificationListener } from '../../notifications/Notifications';
import { useSession } from '../../session/session';

export default function Messages() {
  const { me } = useSession();
  const zone = browserZone();
  const { data, error, reload } = useLoad(async () => {
    const [conversations, caseload] = await Promise.all([
      api.get<Page<Conversation>>('/api/conversations?limit=200'),
      api.get<Page<CaseloadClient>>(`/api/therapists/${me!.userId}/clients?limit=200`),
    ]);
    return { conversations: conversations.items, caseload: caseload.items };
  }, [me?.userId]);
  useNotificationListener((n) => { if (n.type === 'message.received') void reload(); });
  const names = Object.fromEntries((data?.caseload ?? []).map((c) => [c.clientId, c.name]));
  const withoutConversation = (data?.caseload ?? []).filter((c) => !data!.conversations.some((v) => v.withUserId === c.clientId));
  return (
    <>
      <PageHeading>Messages</PageHeading>
      {error && <p className="notice" role="alert">{error}</p>}
      {!data && !error && <p className="skeleton">Loading conversations…</p>}
      {data && !data.conversations.length && <p className="empty">No conversations yet.</p>}
      {data && data.conversations.length > 0 && (
        <ul className="item-list" data-testid="conversations">
          {data.conversations.map((c) => {
            const name = c.withUserDeleted ? 'Deleted account' : names[c.withUserId] ?? 'A former client';
            return (
              <li key={c.withUserId}>
                <Link to={`/therapist/messages/${c.withUserId}`}>{name}</Link>{' '}
                <span className="muted">last message {formatDateTime(c.lastMessageAt, zone)}</span>{' '}
                {c.unreadCount > 0 && <span className="tag tag--strong">{c.unreadCount} unread</span>}
              </li>
            );
          })}
        </ul>
      )}
      {withoutConversation.length > 0 && (
        <>
          <h2>Start a conversation</h2>
          <ul className="item-list">
            {withoutConversation.map((c) => <li key={c.clientId}><Link to={`/therapist/messages/${c.clientId}`}>Write to {c.name}</Link></li>)}
          </ul>
        </>
      )}
    </>
  );
}
