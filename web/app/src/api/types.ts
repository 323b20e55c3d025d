import type { Role } from './client';

/** GET /api/auth/me */
export interface Me {
  userId: string;
  email: string;
  role: Role;
  name: string;
  mfa?: { totp: boolean; passkeys: number; required: boolean };
}

/** A page of a list endpoint (API.md "Conventions"). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface AppNotification {
  notificationId: string;
  type: string;
  subjectId: string;
  actorId: string;
  createdAt: string;
  read: boolean;
}
