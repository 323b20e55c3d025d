/** Types of the API sections the client portal uses (API.md "Clients", "Therapists and mappings", "Scheduling", "Journal", "Messaging"). */

export interface ClientProfile {
  clientId: string;
  email: string;
  name: string;
  phone?: string | null;
  dateOfBirth?: string | null;
  timezone?: string | null;
  pronouns?: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Therapist {
  therapistId: string;
  name: string;
  expertise: string[];
  location: string;
  bio?: string | null;
  languages?: string[] | null;
  acceptingClients: boolean;
  verified: boolean;
  timezone?: string | null;
}

export interface MappingRequest {
  mappingRequestId: string;
  clientId: string;
  therapistId: string;
  requestedBy: 'client' | 'therapist';
  status: 'pending' | 'approved' | 'rejected' | 'cancelled';
  createdAt: string;
}

export interface Slot {
  slotId: string;
  therapistId: string;
  startTime: string;
  endTime: string;
  status: 'open' | 'booked';
}

export interface AppointmentRequest {
  appointmentRequestId: string;
  slotId: string;
  clientId: string;
  therapistId: string;
  startTime: string;
  endTime: string;
  note?: string | null;
  status: 'pending' | 'approved' | 'rejected' | 'cancelled';
  createdAt: string;
}

export interface Session {
  sessionId: string;
  clientId: string;
  therapistId: string;
  slotId: string;
  startTime: string;
  endTime: string;
  status: 'scheduled' | 'completed' | 'cancelled' | 'no_show';
  sharedNotes?: string | null;
}

export interface JournalEntry {
  journalEntryId: string;
  clientId: string;
  content: string;
  feeling: string;
  intensity: number;
  time: string;
  private: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface InsightBucket {
  start: string;
  entryCount: number;
  averageIntensity: number | null;
  feelings: Record<string, number>;
}

export interface JournalAccessRequest {
  journalAccessRequestId: string;
  clientId: string;
  therapistId: string;
  reason?: string | null;
  expiresAt?: string | null;
  status: 'pending' | 'approved' | 'rejected' | 'revoked' | 'cancelled' | 'expired';
  createdAt: string;
}

export interface AccessLogEntry {
  therapistId: string;
  action: 'list' | 'read' | 'insights';
  entryIds?: string[] | null;
  at: string;
}

export interface Message {
  messageId: string;
  senderId: string;
  recipientId: string;
  content: string | null;
  status: string;
  timestamp: string;
  edited: boolean;
  deleted: boolean;
}

export interface Conversation {
  withUserId: string;
  lastMessageAt: string;
  unreadCount: number;
  withUserDeleted: boolean;
}

/** API.md "Journal": the feelings vocabulary. */
export const FEELINGS = ['happy', 'calm', 'grateful', 'hopeful', 'proud', 'content', 'excited', 'sad', 'anxious', 'angry',
  'frustrated', 'lonely', 'stressed', 'tired', 'overwhelmed', 'scared', 'ashamed', 'guilty', 'numb', 'confused'] as const;

export const JOURNAL_MAX = 10000;
