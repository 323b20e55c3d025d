/** Types of the API resources the therapist workspace and the admin pages use (API.md). */

import type { Therapist } from './portal';

/** The therapist's own profile: the directory entry (portal.ts) plus what only its owner and admins see. */
export interface TherapistProfile extends Therapist {
  email?: string;
}

export interface CaseloadClient { clientId: string; name: string; linkedAt: string }

export interface ClientProfile {
  clientId: string; email?: string; name: string; timezone?: string | null; pronouns?: string | null; createdAt?: string;
}

export interface MappingRequest {
  mappingRequestId: string; clientId: string; therapistId: string; requestedBy: string;
  status: 'pending' | 'approved' | 'rejected' | 'cancelled'; createdAt: string;
}

export interface Slot { slotId: string; therapistId: string; startTime: string; endTime: string; status: 'open' | 'booked' }

export interface AppointmentRequest {
  appointmentRequestId: string; slotId: string; clientId: string; therapistId: string; startTime: string; endTime: string;
  note?: string | null; status: 'pending' | 'approved' | 'rejected' | 'cancelled'; createdAt: string;
}

export interface Session {
  sessionId: string; clientId: string; therapistId: string; slotId: string; startTime: string; endTime: string;
  status: 'scheduled' | 'completed' | 'cancelled' | 'no_show'; sharedNotes?: string | null; privateNotes?: string | null;
}

export interface JournalAccessRequest {
  journalAccessRequestId: string; clientId: string; therapistId: string; reason?: string | null; expiresAt?: string | null;
  status: 'pending' | 'approved' | 'rejected' | 'cancelled' | 'revoked' | 'expired'; createdAt: string;
}

export interface JournalEntry {
  journalEntryId: string; clientId: string; content: string; feeling: string; intensity: number; time: string; private: boolean;
}

export interface InsightBucket { start: string; entryCount: number; averageIntensity: number | null; feelings: Record<string, number> }

export interface Message {
  messageId: string; senderId: string; recipientId: string; content: string | null; status: string; timestamp: string;
  edited: boolean; deleted: boolean;
}

export interface Conversation { withUserId: string; lastMessageAt: string; unreadCount: number; withUserDeleted: boolean }

export const SESSION_STATUS: Record<Session['status'], string> = {
  scheduled: 'Scheduled', completed: 'Completed', cancelled: 'Cancelled', no_show: 'No-show',
};
