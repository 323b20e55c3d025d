package io.therapyms.clients.profiles;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.therapyms.clients.links.LinkRepository;
import io.therapyms.clients.links.LinkedTherapist;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.errors.BadRequestException;
import io.therapyms.platform.security.Caller;
import io.therapyms.platform.security.Role;

/** Who may see and change a client profile, and what each change publishes. */
@Singleton
public class ClientService {

    private static final Logger LOG = Logger.getLogger(ClientService.class);
    private static final int UPDATE_ATTEMPTS = 5;

    @Inject
    ClientRepository profiles;

    @Inject
    LinkRepository links;

    @Inject
    Clock clock;

    ClientProfile create(Caller caller, ProfileChanges fields) {
        validateTimezone(fields.timezone());
        Instant now = clock.instant();
        ClientProfile profile = new ClientProfile(caller.userId(), caller.email(), fields.name().strip(), fields.phone(),
                fields.dateOfBirth(), fields.timezone(), fields.pronouns(), now, now);
        if (!profiles.create(profile)) {
            throw new ClientProfileExistsException();
        }
        // Links approved before the profile existed get the name for the therapist's search.
        followUp(() -> links.renameClient(profile.clientId(), ClientRepository.directoryKey(profile.name(), profile.clientId())));
        return profile;
    }

    /** Self, admin or a linked therapist; anyone else is told the client does not exist. */
    ClientProfile get(Caller caller, String clientId) {
        if (!maySee(caller, clientId)) {
            throw new ClientNotFoundException();
        }
        return profiles.find(clientId).orElseThrow(ClientNotFoundException::new);
    }

    ClientProfile update(Caller caller, String clientId, ProfileChanges changes) {
        requireClientOrAdmin(caller, clientId);
        validateTimezone(changes.timezone());
        ProfileChanges normalized = new ProfileChanges(changes.name() == null ? null : changes.name().strip(),
                changes.phone(), changes.dateOfBirth(), changes.timezone(), changes.pronouns());
        for (int attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
            ClientProfile current = profiles.find(clientId).orElseThrow(ClientNotFoundException::new);
            Optional<ClientProfile> updated = profiles.update(clientId, current.name(), normalized, clock.instant());
            if (updated.isPresent()) {
                if (normalized.name() != null) {
                    followUp(() -> links.renameClient(clientId, ClientRepository.directoryKey(normalized.name(), clientId)));
                }
                return updated.get();
            }
            // Deleted or renamed by a concurrent request: re-read and try again.
        }
        throw new ClientNotFoundException();
    }

    void delete(Caller caller, String clientId) {
        requireClientOrAdmin(caller, clientId);
        // Client ids are UUIDs (the account's id): anything else names no profile, and would not even make a valid
        // ClientDeleted event (the schema checks the id), so it is a 404 before any write.
        if (!looksLikeUuid(clientId) || !profiles.delete(clientId)) {
            throw new ClientNotFoundException();
        }
        followUp(() -> links.deleteClient(clientId));
    }

    private static boolean looksLikeUuid(String id) {
        try {
            return UUID.fromString(id).toString().equalsIgnoreCase(id);
        } catch (IllegalArgumentException notAUuid) {
            return false;
        }
    }

    /**
     * The link writes that follow a committed profile change. The change and its event are already
     * stored, so a failure here must not turn the answer into an error: the service's own consumer
     * of that event repeats the same idempotent writes.
     */
    private static void followUp(Runnable linkWrites) {
        try {
            linkWrites.run();
        } catch (RuntimeException e) {
            LOG.warnf("Link follow-up failed; the clients.events consumer will redo it: %s", e.toString());
        }
    }

    /** Admin: the directory · therapist: their linked clients · client: themself. */
    Page<ClientProfile> list(Caller caller, String query, PageRequest page) {
        String prefix = query == null ? "" : ClientRepository.normalizeName(query);
        if (prefix.length() > 200) {
            throw BadRequestException.field("q", "must be at most 200 characters");
        }
        return switch (caller.role()) {
            case ADMIN -> profiles.listAll(prefix, page);
            case THERAPIST -> {
                Page<String> ids = links.clientsOf(caller.userId(), prefix, page);
                List<ClientProfile> items = new ArrayList<>();
                ids.items().forEach(id -> profiles.find(id).ifPresent(items::add));
                yield new Page<>(items, ids.nextCursor());
            }
            case CLIENT -> new Page<>(profiles.find(caller.userId())
                    .filter(p -> ClientRepository.normalizeName(p.name()).startsWith(prefix))
                    .stream().toList(), null);
        };
    }

    Page<LinkedTherapist> therapists(Caller caller, String clientId, PageRequest page) {
        requireClientOrAdmin(caller, clientId);
        if (profiles.find(clientId).isEmpty() && !caller.isUser(clientId)) {
            throw new ClientNotFoundException();
        }
        return links.therapistsOf(clientId, page);
    }

    private boolean maySee(Caller caller, String clientId) {
        return caller.isUser(clientId) || caller.isAdmin()
                || (caller.is(Role.THERAPIST) && links.isLinked(clientId, caller.userId()));
    }

    /** Linked therapists are related to the client, so they get 403; strangers get 404. */
    private void requireClientOrAdmin(Caller caller, String clientId) {
        if (caller.isUser(clientId) || caller.isAdmin()) {
            return;
        }
        if (caller.is(Role.THERAPIST) && links.isLinked(clientId, caller.userId())) {
            throw new NotTheClientException();
        }
        throw new ClientNotFoundException();
    }

    private static void validateTimezone(String timezone) {
        if (timezone == null) {
            return;
        }
        try {
            ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw BadRequestException.field("timezone", "must be a time zone id such as Europe/Berlin");
        }
    }
}
