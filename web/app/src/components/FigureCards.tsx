import type { ReactNode } from 'react';
import type { Figures } from '../api/analytics';
import { num, pct } from '../lib/analyticsView';

/**
 * The totals of a period as cards (dashboard and practice page). `who` names the therapist side: "you" on a
 * therapist's own dashboard, "therapists" for the whole practice.
 */
export function FigureCards({ totals: t, who = 'you' }: { totals: Figures; who?: 'you' | 'therapists' }) {
  return (
    <div className="stats" data-testid="dash-cards">
      <Card title="Sessions completed" value={String(t.sessions.completed)} testId="fig-completed">
        <Detail term="Scheduled" value={t.sessions.scheduled} testId="fig-scheduled" />
        <Detail term="No-shows" value={t.sessions.noShow} testId="fig-no-show" />
        <Detail term="Cancelled by clients" value={t.sessions.cancelledByClient} testId="fig-cancelled-client" />
        <Detail term={`Cancelled by ${who}`} value={t.sessions.cancelledByTherapist} testId="fig-cancelled-therapist" />
        <Detail term="Cancelled under 24 h before" value={t.sessions.lateCancelled} testId="fig-late" />
      </Card>
      <Card title="Attendance" value={pct(t.attendanceRate)} testId="fig-attendance">
        <Detail term="Completed of completed and missed" value={`${t.sessions.completed} of ${t.sessions.completed + t.sessions.noShow}`} testId="fig-attendance-basis" />
      </Card>
      <Card title="Utilisation" value={pct(t.utilisation)} testId="fig-utilisation">
        <Detail term="Hours booked" value={num(t.bookedHours)} testId="fig-booked-hours" />
        <Detail term="Hours offered" value={num(t.offeredHours)} testId="fig-offered-hours" />
      </Card>
      <Card title="Appointment requests" value={String(t.requests.received)} testId="fig-requests">
        <Detail term="Approved" value={t.requests.approved} testId="fig-approved" />
        <Detail term="Declined" value={t.requests.rejected} testId="fig-rejected" />
        <Detail term="Withdrawn" value={t.requests.cancelled} testId="fig-withdrawn" />
        <Detail term="Median hours to decide" value={num(t.requests.medianHoursToDecision)} testId="fig-decision-hours" />
      </Card>
      <Card title="Clients seen in the period" value={String(t.caseload.active)} testId="fig-active-clients">
        <Detail term="New links" value={t.caseload.started} testId="fig-links-started" />
        <Detail term="Links ended" value={t.caseload.ended} testId="fig-links-ended" />
      </Card>
      <Card title="Messages received" value={String(t.messages.received)} testId="fig-messages-received">
        <Detail term="Sent" value={t.messages.sent} testId="fig-messages-sent" />
        <Detail term="Median minutes to first reply" value={num(t.messages.medianMinutesToFirstReply, 0)} testId="fig-reply-minutes" />
      </Card>
    </div>
  );
}

function Card({ title, value, testId, children }: { title: string; value: string; testId: string; children?: ReactNode }) {
  return (
    <div className="stat">
      <h3 className="stat__title">{title}</h3>
      <p className="stat__value" data-testid={testId}>{value}</p>
      {children && <dl className="stat__details">{children}</dl>}
    </div>
  );
}

function Detail({ term, value, testId }: { term: string; value: string | number; testId: string }) {
  return <div><dt>{term}</dt><dd data-testid={testId}>{value}</dd></div>;
}
