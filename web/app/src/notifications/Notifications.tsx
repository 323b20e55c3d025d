import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { api } from '../api/client';
import type { AppNotification, Page } from '../api/types';
import { openNotificationStream } from './stream';
import { describeNotification } from './describe';

/**
 * Notifications for the signed-in user: the unread list (from GET /api/notifications?unread=true,
 * re-read after every reconnect so nothing missed while offline is lost), live additions from the
 * stream, and toasts. Pages may subscribe to react to a type (e.g. reload a list on
 * appointment.approved) with useNotificationListener.
 */
interface NotificationsApi {
  unread: AppNotification[];
  /** The unread list had more than one page. */
  more: boolean;
  connected: boolean;
  markRead(id: string): Promise<void>;
  markAllRead(): Promise<void>;
  subscribe(listener: (n: AppNotification) => void): () => void;
}

interface Toast {
  id: string;
  text: string;
}

const NotificationsContext = createContext<NotificationsApi | null>(null);

export function useNotifications(): NotificationsApi {
  const n = useContext(NotificationsContext);
  if (!n) throw new Error('useNotifications outside NotificationsProvider');
  return n;
}

export function useNotificationListener(listener: (n: AppNotification) => void): void {
  const { subscribe } = useNotifications();
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => subscribe((n) => ref.current(n)), [subscribe]);
}

const TOAST_MS = 8000;

export function NotificationsProvider({ children }: { children: ReactNode }) {
  const [unread, setUnread] = useState<AppNotification[]>([]);
  const [more, setMore] = useState(false);
  const [connected, setConnected] = useState(false);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const listeners = useRef(new Set<(n: AppNotification) => void>());

  const loadUnread = useCallback(async () => {
    try {
      const page = await api.get<Page<AppNotification>>('/api/notifications?unread=true&limit=200');
      setUnread(page.items);
      setMore(page.nextCursor !== null);
    } catch {
      // the banner or the session handles it; the bell keeps what it had
    }
  }, []);

  useEffect(() => {
    void loadUnread();
    const handle = openNotificationStream({
      onNotification: (n) => {
        setUnread((list) => (list.some((x) => x.notificationId === n.notificationId) ? list : [n, ...list]));
        setToasts((t) => [...t.slice(-2), { id: n.notificationId, text: describeNotification(n.type) }]);
        listeners.current.forEach((l) => l(n));
      },
      onStatus: (up) => {
        setConnected(up);
        if (up) void loadUnread();
      },
    });
    return () => handle.close();
  }, [loadUnread]);

  useEffect(() => {
    if (!toasts.length) return;
    const timer = setTimeout(() => setToasts((t) => t.slice(1)), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toasts]);

  const value: NotificationsApi = {
    unread,
    more,
    connected,
    markRead: async (id) => {
      await api.put(`/api/notifications/${encodeURIComponent(id)}`, { read: true });
      setUnread((list) => list.filter((n) => n.notificationId !== id));
    },
    markAllRead: async () => {
      await api.post('/api/notifications/read-all');
      setUnread([]);
      setMore(false);
    },
    subscribe: useCallback((listener) => {
      listeners.current.add(listener);
      return () => {
        listeners.current.delete(listener);
      };
    }, []),
  };

  return (
    <NotificationsContext.Provider value={value}>
      {children}
      <div className="toasts" role="status" aria-live="polite" data-testid="toasts">
        {toasts.map((t) => (
          <div className="toast" key={t.id}>
            <span>{t.text}</span>
            <button type="button" className="link-button" onClick={() => setToasts((l) => l.filter((x) => x.id !== t.id))}>
              Dismiss<span className="visually-hidden"> notification: {t.text}</span>
            </button>
          </div>
        ))}
      </div>
    </NotificationsContext.Provider>
  );
}

export function NotificationBell() {
  const { unread, more, markAllRead, markRead } = useNotifications();
  const [open, setOpen] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);
  const count = unread.length;
  const countText = more ? `${count}+` : String(count);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <div className="bell">
      <button
        type="button"
        className="bell__button"
        aria-expanded={open}
        aria-controls="notification-panel"
        onClick={() => setOpen((o) => !o)}
        data-testid="bell"
      >
        <svg aria-hidden="true" focusable="false" className="bell__icon" viewBox="0 0 24 24" width="20" height="20">
          <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z" />
        </svg>
        <span className="visually-hidden">Notifications, </span>
        <span className="bell__count" data-testid="bell-count">{countText}</span>
        <span className="visually-hidden"> unread</span>
      </button>
      {open && (
        <div className="bell__panel" id="notification-panel" ref={panelRef}>
          <h2 className="bell__title">Notifications</h2>
          {count === 0 ? (
            <p>Nothing new.</p>
          ) : (
            <>
              <ul className="bell__list">
                {unread.map((n) => (
                  <li key={n.notificationId}>
                    <span>{describeNotification(n.type)}</span>{' '}
                    <time dateTime={n.createdAt}>{new Date(n.createdAt).toLocaleString()}</time>{' '}
                    <button type="button" className="link-button" onClick={() => void markRead(n.notificationId)}>
                      Mark read<span className="visually-hidden">: {describeNotification(n.type)}</span>
                    </button>
                  </li>
                ))}
              </ul>
              <button type="button" className="button button--secondary" onClick={() => void markAllRead()}>
                Mark all as read
              </button>
            </>
          )}
        </div>
      )}
    </div>
  );
}
