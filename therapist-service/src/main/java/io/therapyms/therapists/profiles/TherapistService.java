package io.therapyms.therapists.profiles;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.events.therapists.TherapistProfileUpdated;
import io.therapyms.events.therapists.TherapistVerified;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.errors.BadRequestException;
import io.therapyms.platform.errors.ForbiddenException;
import io.therapyms.platform.security.Caller;
import io.therapyms.therapists.mappings.MappingService;

/** Profiles, verification and the directory, with who may do what. */
@Singleton
public class TherapistService {

    private static final int ATTEMPTS = 3;

    @Inject
    TherapistRepository repository;

    @Inject
    Directory directory;

    @Inject
    MappingService mappings;

    @Inject
    Clock clock;

    public Therapist create(Caller caller, String name, List<String> expertise, String location, String bio,
            List<String> languages, String timezone, boolean acceptingClients) {
        validateTimezone(timezone);
        Instant now = now();
        Therapist therapist = new Therapist(caller.userId(), caller.email(), name.trim(), distinct(expertise),
                location.trim(), bio, languages == null ? List.of() : distinct(languages), timezone, acceptingClients, false,
                now, now, 1);
        if (!repository.create(therapist)) {
            throw new ProfileExistsException();
        }
        directory.sync(therapist);
        return therapist;
    }

    /** The profile as the caller may see it: unverified profiles only to the therapist and admins. */
    public Therapist get(Caller caller, String therapistId) {
        Therapist therapist = repository.find(therapistId).orElseThrow(TherapistNotFoundException::new);
        if (!therapist.verified() && !mayManage(caller, therapistId)) {
            throw new TherapistNotFoundException();
        }
        return therapist;
    }

    /** The profile the caller may change: 404 when they cannot see it, 403 when they see but may not change it. */
    public Therapist manageable(Caller caller, String therapistId) {
        Therapist therapist = get(caller, therapistId);
        if (!mayManage(caller, therapistId)) {
            throw new NotYourProfileException();
        }
        return therapist;
    }

    public Therapist update(Caller caller, String therapistId, String name, List<String> expertise, String location,
            String bio, List<String> languages, String timezone, Boolean acceptingClients) {
        validateTimezone(timezone);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Therapist current = manageable(caller, therapistId);
            Therapist updated = current.withEdits(name == null ? null : name.trim(),
                    expertise == null ? null : distinct(expertise), location == null ? null : location.trim(), bio,
                    languages == null ? null : distinct(languages), timezone, acceptingClients, now());
            if (repository.update(updated, new TherapistProfileUpdated(therapistId, updated.name(), updated.verified(),
                    updated.timezone()))) {
                directory.sync(updated);
                return updated;
            }
        }
        throw new ConcurrentEditException();
    }

    public void verify(String therapistId, boolean verified) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Therapist current = repository.find(therapistId).orElseThrow(TherapistNotFoundException::new);
            Therapist updated = current.withVerified(verified, now());
            if (repository.update(updated, new TherapistVerified(therapistId, verified))) {
                directory.sync(updated);
                return;
            }
        }
        throw new ConcurrentEditException();
    }

    /** Ends every link and pending request of the therapist, then deletes the profile (TherapistDeleted). */
    public void delete(Caller caller, String therapistId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Therapist current = manageable(caller, therapistId);
            mappings.endAllOfTherapist(therapistId, caller.role().claimName());
            if (repository.delete(current)) {
                directory.remove(therapistId);
                return;
            }
        }
        throw new ConcurrentEditException();
    }

    public Page<Therapist> directory(Caller caller, Directory.Filter filter, PageRequest page) {
        if (!filter.verified() && !caller.isAdmin()) {
            throw new ForbiddenException("Only admins may list unverified therapists.");
        }
        return directory.search(filter, page);
    }

    public static boolean mayManage(Caller caller, String therapistId) {
        return caller.isAdmin() || caller.isUser(therapistId);
    }

    /** A region id such as Europe/Berlin (the IANA names analytics and the web app offer), not an offset. */
    static void validateTimezone(String timezone) {
        if (timezone != null && !ZoneId.getAvailableZoneIds().contains(timezone)) {
            throw BadRequestException.field("timezone", "must be an IANA time zone such as Europe/Berlin");
        }
    }

    private static List<String> distinct(List<String> values) {
        return values.stream().map(String::trim).distinct().toList();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
