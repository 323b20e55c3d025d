package io.therapyms.scheduling.calendar;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.therapyms.platform.errors.ForbiddenException;
import io.therapyms.platform.errors.NotFoundException;
import io.therapyms.platform.security.Caller;
import io.therapyms.platform.security.RevocationListener;
import io.therapyms.platform.security.Role;
import io.therapyms.scheduling.calendar.CalendarFeeds.Feed;
import io.therapyms.scheduling.sessions.Session;
import io.therapyms.scheduling.sessions.SessionRepository;
import io.therapyms.scheduling.sessions.SessionRepository.Versioned;
import io.therapyms.scheduling.sessions.SessionStatus;

/**
 * Calendar feeds: a secret URL per user that calendar apps poll. The feed holds times, a fixed title, the
 * status and a link into the web app; never notes or anything clinical, and names only when asked for.
 */
@Singleton
public class CalendarService {

    /** The feed's window: from 30 days back to a year ahead (by start time). */
    static final Duration BACK = Duration.ofDays(30);
    static final Duration AHEAD = Duration.ofDays(365);

    /** The one answer for an unknown, replaced or revoked token: nothing tells them apart. */
    static final String NO_FEED = "No such calendar feed.";

    @Inject
    Clock clock;

    @Inject
    CalendarFeeds feeds;

    @Inject
    PartyNames names;

    @Inject
    SessionRepository sessions;

    /** identity.events as every service keeps it: a deactivated user's feed closes with their tokens. */
    @Inject
    RevocationListener revocations;

    /** Base of the feed URLs handed out (the gateway's public URL); empty: the caller's own origin. */
    @ConfigProperty(name = "scheduling.calendar.public-url")
    Optional<String> publicUrl;

    /** Base of the web app's links in the feed; empty: the public URL, else the origin the feed was fetched from. */
    @ConfigProperty(name = "scheduling.calendar.web-app-url")
    Optional<String> webAppUrl;

    public record Created(String url) {
    }

    public record Status(boolean includeNames, Instant createdAt) {
    }

    /** A new secret URL for the caller's sessions; any earlier URL stops working. */
    public Created create(Caller caller, boolean includeNames, URI requestOrigin) {
        String token = feeds.create(caller.userId(), party(caller).claimName(), includeNames, clock.instant());
        return new Created(base(publicUrl, requestOrigin) + "/api/calendar/" + token + ".ics");
    }

    public Status status(Caller caller) {
        party(caller);
        Feed feed = feeds.of(caller.userId()).orElseThrow(() -> new NotFoundException("You have no calendar feed."));
        return new Status(feed.includeNames(), feed.createdAt());
    }

    public void revoke(Caller caller) {
        party(caller);
        if (!feeds.delete(caller.userId())) {
            throw new NotFoundException("You have no calendar feed.");
        }
    }

    /** ClientDeleted / TherapistDeleted: the erased user's feed goes with them. */
    public void erase(String userId) {
        feeds.delete(userId);
        names.erase(userId);
    }

    /** The calendar a token opens, as RFC 5545 text. */
    public String render(String token, URI requestOrigin) {
        Feed feed = feeds.byToken(token).orElseThrow(() -> new NotFoundException(NO_FEED));
        if (revocations.state().isDeactivated(feed.userId())) {
            // the feed URL is a credential like a token: deactivation ends it too (the row stays until erasure)
            throw new NotFoundException(NO_FEED);
        }
        boolean client = Role.CLIENT.claimName().equals(feed.role());
        Instant now = clock.instant();
        List<Versioned> items = sessions.ofParty(client, feed.userId(), now.minus(BACK), now.plus(AHEAD));
        String web = base(webAppUrl.or(() -> publicUrl), requestOrigin);
        Map<String, Optional<String>> otherNames = new HashMap<>();
        ICalendar ics = new ICalendar().begin("VCALENDAR")
                .raw("VERSION", "2.0")
                .raw("PRODID", "-//Therapy Management System//Calendar feed//EN")
                .raw("CALSCALE", "GREGORIAN")
                .raw("METHOD", "PUBLISH")
                .text("X-WR-CALNAME", "Therapy sessions");
        for (Versioned item : items) {
            Session s = item.session();
            String summary = "Therapy session";
            if (feed.includeNames()) {
                String other = client ? s.therapistId() : s.clientId();
                Optional<String> name = otherNames.computeIfAbsent(other, names::of);
                if (name.isPresent()) {
                    summary += " with " + name.get();
                }
            }
            ics.begin("VEVENT")
                    .raw("UID", s.sessionId())
                    .time("DTSTAMP", now)
                    .time("DTSTART", s.startTime())
                    .time("DTEND", s.endTime())
                    .text("SUMMARY", summary)
                    .raw("STATUS", s.status() == SessionStatus.CANCELLED ? "CANCELLED" : "CONFIRMED")
                    .raw("SEQUENCE", Long.toString(item.version()))
                    .raw("URL", web + (client ? "/client/sessions" : "/therapist/sessions/" + s.sessionId()))
                    .end("VEVENT");
        }
        return ics.end("VCALENDAR").toString();
    }

    /** Only the parties of sessions have a calendar; an admin has no sessions of their own. */
    private static Role party(Caller caller) {
        if (caller.is(Role.CLIENT)) {
            return Role.CLIENT;
        }
        if (caller.is(Role.THERAPIST)) {
            return Role.THERAPIST;
        }
        throw new ForbiddenException("Only clients and therapists have a calendar of sessions.");
    }

    private static String base(Optional<String> configured, URI requestOrigin) {
        String base = configured.filter(u -> !u.isBlank()).orElse(requestOrigin.toString());
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
