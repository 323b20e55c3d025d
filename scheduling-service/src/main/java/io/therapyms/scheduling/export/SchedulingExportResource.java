package io.therapyms.scheduling.export;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.therapyms.platform.export.ExportParts;
import io.therapyms.platform.security.CurrentCaller;
import io.therapyms.scheduling.appointments.AppointmentRepository;
import io.therapyms.scheduling.appointments.AppointmentRequest;
import io.therapyms.scheduling.sessions.Session;
import io.therapyms.scheduling.sessions.SessionRepository;
import io.therapyms.scheduling.sessions.SessionStatus;

/**
 * scheduling-service's part of a client's export: the client's sessions and appointment requests. A session is
 * copied field by field into {@link SessionPart}, which has no private-notes field at all: the therapist's private
 * notes cannot reach the export even by a serialisation mistake.
 */
@Path(ExportParts.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class SchedulingExportResource {

    public record SessionPart(String sessionId, String clientId, String therapistId, String slotId, Instant startTime,
            Instant endTime, SessionStatus status, String sharedNotes) {

        static SessionPart of(Session s) {
            return new SessionPart(s.sessionId(), s.clientId(), s.therapistId(), s.slotId(), s.startTime(),
                    s.endTime(), s.status(), s.sharedNotes());
        }
    }

    public record SchedulingPart(List<SessionPart> sessions, List<AppointmentRequest> appointmentRequests) {
    }

    @Inject
    SessionRepository sessions;

    @Inject
    AppointmentRepository appointments;

    @Inject
    CurrentCaller caller;

    @GET
    @Authenticated
    @Operation(hidden = true)
    public SchedulingPart export(@PathParam("clientId") String clientId) {
        ExportParts.requireClientOrAdmin(caller.get(), clientId);
        List<SessionPart> own = sessions.allOfClient(clientId).stream().map(SessionPart::of).toList();
        List<AppointmentRequest> requests = ExportParts.all(page -> appointments.pageOfClient(clientId, null, page));
        return new SchedulingPart(own, requests);
    }
}
