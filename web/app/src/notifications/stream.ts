import { currentAccessToken, endSession, refresh } from '../api/client';
import type { AppNotification } from '../api/types';

/**
 * The live notification stream (API.md: WebSocket /api/notifications/stream). The token goes in the
 * first message, never the URL. After any drop it reconnects with backoff (1 s doubling to 30 s, with
 * jitter); a close for a refused or expired token (1008) first refreshes the access token.
 */
export interface StreamHandle {
  close(): void;
}

export interface StreamCallbacks {
  onNotification(n: AppNotification): void;
  /** Connected (true) or dropped (false); after a reconnect, fetch what was missed. */
  onStatus(connected: boolean): void;
}

const POLICY_VIOLATION = 1008;
const MAX_DELAY = 30000;

export function openNotificationStream(callbacks: StreamCallbacks): StreamHandle {
  let socket: WebSocket | null = null;
  let stopped = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/api/notifications/stream`;

  const connect = async (needsRefresh: boolean) => {
    if (stopped) return;
    if (needsRefresh || !currentAccessToken()) {
      try {
        if (!(await refresh())) {
          // Refused (revoked, expired, password changed elsewhere): the session is over.
          if (!stopped) endSession();
          return;
        }
      } catch {
        schedule(false);
        return;
      }
    }
    const token = currentAccessToken();
    if (!token || stopped) return;
    const ws = new WebSocket(url);
    socket = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      ws.send(JSON.stringify({ token }));
      attempt = 0;
      callbacks.onStatus(true);
    };
    ws.onmessage = (event) => {
      try {
        const data = JSON.parse(String(event.data)) as AppNotification;
        if (data && data.notificationId) callbacks.onNotification(data);
      } catch {
        // not a notification
      }
    };
    ws.onclose = (event) => {
      if (socket === ws) socket = null;
      if (opened) callbacks.onStatus(false);
      if (!stopped) schedule(event.code === POLICY_VIOLATION);
    };
  };

  const schedule = (needsRefresh: boolean) => {
    const base = Math.min(1000 * 2 ** attempt, MAX_DELAY);
    attempt++;
    timer = setTimeout(() => void connect(needsRefresh), base / 2 + Math.random() * (base / 2));
  };

  void connect(false);

  return {
    close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      socket?.close(1000, 'signed out');
      socket = null;
    },
  };
}
