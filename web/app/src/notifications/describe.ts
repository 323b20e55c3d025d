/** Plain words for each notification type; a notification carries ids only, never content. */
const TEXT: Record<string, string> = {
  'message.received': 'You have a new message',
  'mapping.requested': 'New link request',
  'mapping.approved': 'Your link request was approved',
  'mapping.rejected': 'Your link request was declined',
  'mapping.ended': 'A link was ended',
  'appointment.requested': 'New appointment request',
  'appointment.approved': 'Your appointment was approved',
  'appointment.rejected': 'Your appointment request was declined',
  'appointment.cancelled': 'An appointment was cancelled',
  'session.updated': 'A session was updated',
  'journal-access.requested': 'Request to read your journal',
  'journal-access.approved': 'Journal access was approved',
  'journal-access.rejected': 'Journal access was declined',
  'journal-access.revoked': 'Journal access was revoked',
  'measure-safety-flag': 'A client’s questionnaire needs follow-up',
};

export function describeNotification(type: string): string {
  return TEXT[type] ?? 'Something changed';
}
