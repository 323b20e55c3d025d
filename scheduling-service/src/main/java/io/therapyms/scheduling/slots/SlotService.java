package io.therapyms.scheduling.slots;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.events.DomainEvent;
import io.therapyms.events.scheduling.SlotsCreated;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.errors.BadRequestException;
import io.therapyms.platform.errors.ConflictException;
import io.therapyms.platform.errors.ForbiddenException;
import io.therapyms.platform.security.Caller;
import io.therapyms.platform.security.Role;
import io.therapyms.scheduling.config.Times;
import io.therapyms.scheduling.links.Links;
import io.therapyms.scheduling.slots.SlotExceptions.SlotBookedException;
import io.therapyms.scheduling.slots.SlotExceptions.SlotNotFoundException;
import io.therapyms.scheduling.slots.SlotExceptions.SlotOverlapException;

/** Publishing, listing and withdrawing a therapist's slots. */
@Singleton
public class SlotService {

    @Inject
    Clock clock;

    public record TimeRange(String startTime, String endTime) {
    }

    static final Duration MIN_LENGTH = Duration.ofMinutes(15);
    static final Duration MAX_WINDOW = Duration.ofDays(92);
    /** Each failed commit means another batch of the therapist committed; after this many, the caller retries. */
    static final int MAX_COMMIT_ATTEMPTS = 10;

    @Inject
    SlotRepository slots;

    @Inject
    SlotBatches batches;

    @Inject
    Links links;

    public List<Slot> create(Caller caller, String therapistId, List<TimeRange> ranges) {
        if (!caller.isUser(therapistId) || !caller.is(Role.THERAPIST)) {
            // A linked client sees this therapist's slots, so may know they exist: 403, as for the others
            // who may know of the therapist; only a client with no link learns nothing (404).
            if (caller.is(Role.THERAPIST) || caller.isAdmin() || linkedClient(caller, therapistId)) {
                throw new ForbiddenException("Only the therapist publishes their slots.");
            }
            throw new SlotNotFoundException();
        }
        List<Slot> batch = validBatch(therapistId, ranges);
        List<String> inBatch = clashesWithinBatch(batch);
        String batchId = UUID.randomUUID().toString();
        for (int attempt = 0; attempt < MAX_COMMIT_ATTEMPTS; attempt++) {
            SlotBatches.State state = batches.read(therapistId);
            if (state.pendingBatch() != null) {
                write(therapistId, state.pendingBatch(), state.pendingSlots());
                continue;
            }
            List<String> clashes = new ArrayList<>(inBatch);
            clashes.addAll(clashesWithTable(therapistId, batch));
            if (!clashes.isEmpty()) {
                throw new SlotOverlapException(String.join("; ", clashes));
            }
            if (batches.commit(therapistId, state, batchId, batch)) {
                write(therapistId, batchId, batch);
                return batch;
            }
        }
        throw new ConflictException("Other slots of this therapist were being saved at the same time; try again.");
    }

    private List<Slot> validBatch(String therapistId, List<TimeRange> ranges) {
        if (ranges == null || ranges.isEmpty() || ranges.size() > 100) {
            throw BadRequestException.field("slots", "must hold 1 to 100 slots");
        }
        Instant now = clock.instant();
        List<Slot> batch = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            TimeRange range = ranges.get(i);
            if (range == null) {
                throw BadRequestException.field("slots[" + i + "]", "is required");
            }
            Instant start = Times.parse("slots[" + i + "].startTime", range.startTime());
            Instant end = Times.parse("slots[" + i + "].endTime", range.endTime());
            Duration length = Duration.between(start, end);
            if (length.compareTo(MIN_LENGTH) < 0 || length.compareTo(SlotRepository.MAX_LENGTH) > 0) {
                throw BadRequestException.field("slots[" + i + "]", "must last between 15 minutes and 4 hours");
            }
            if (!start.isAfter(now)) {
                throw BadRequestException.field("slots[" + i + "].startTime", "must be in the future");
            }
            batch.add(Slot.open(UUID.randomUUID().toString(), therapistId, start, end));
        }
        batch.sort(Comparator.comparing(Slot::startTime));
        return batch;
    }

    private static List<String> clashesWithinBatch(List<Slot> sorted) {
        List<String> clashes = new ArrayList<>();
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).startTime().isBefore(sorted.get(i - 1).endTime())) {
                clashes.add(range(sorted.get(i - 1)) + " with " + range(sorted.get(i)) + " in the batch");
            }
        }
        return clashes;
    }

    private List<String> clashesWithTable(String therapistId, List<Slot> batch) {
        List<String> clashes = new ArrayList<>();
        for (Slot slot : batch) {
            for (Slot existing : slots.overlapping(therapistId, slot.startTime(), slot.endTime())) {
                clashes.add(range(slot) + " with slot " + existing.slotId());
            }
        }
        return clashes;
    }

    /** Writes a committed batch (again, if need be: the puts are idempotent), SlotsCreated on its first slot. */
    private void write(String therapistId, String batchId, List<Slot> batch) {
        DomainEvent created = new SlotsCreated(therapistId, batch.stream().map(Slot::slotId).toList(), batch.stream()
                .map(slot -> new SlotsCreated.SlotTimes(slot.slotId(), slot.startTime(), slot.endTime())).toList());
        for (int i = 0; i < batch.size(); i++) {
            if (i == 0) {
                slots.putOnce(batch.get(i), created);
            } else {
                slots.putOnce(batch.get(i));
            }
        }
        batches.clear(therapistId, batchId);
    }

    private static String range(Slot slot) {
        return slot.startTime() + "–" + slot.endTime();
    }

    public Page<Slot> list(Caller caller, String therapistId, String fromText, String toText, String statusText,
            PageRequest page) {
        boolean client = caller.is(Role.CLIENT);
        if (!(caller.isAdmin() || (caller.is(Role.THERAPIST) && caller.isUser(therapistId))
                || (client && links.linked(caller.userId(), therapistId)))) {
            throw new SlotNotFoundException();
        }
        SlotStatus status = statusText == null ? null : SlotStatus.fromWire(statusText)
                .orElseThrow(() -> BadRequestException.field("status", "must be open or booked"));
        Instant from = fromText == null ? clock.instant() : Times.parse("from", fromText);
        Instant to = toText == null ? from.plus(MAX_WINDOW) : Times.parse("to", toText);
        if (!to.isAfter(from) || Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw BadRequestException.field("to", "must be after from and at most 92 days later");
        }
        if (client && status == SlotStatus.BOOKED) {
            return new Page<>(List.of(), null);
        }
        SlotStatus wanted = client ? SlotStatus.OPEN : status;
        // the texts as given, not the defaults: a default "from" is "now" and moves between pages
        String scope = String.join(":", "scheduling:slots", therapistId, client ? "client" : "owner",
                String.valueOf(fromText), String.valueOf(toText), wanted == null ? "null" : wanted.wireName());
        return slots.page(therapistId, from, to, wanted, page, scope);
    }

    public void delete(Caller caller, String therapistId, String slotId) {
        if (!(caller.is(Role.THERAPIST) && caller.isUser(therapistId))) {
            boolean knowsTheSlot = linkedClient(caller, therapistId)
                    && slots.find(slotId).filter(s -> s.therapistId().equals(therapistId)).isPresent();
            if (caller.isAdmin() || knowsTheSlot) {
                throw new ForbiddenException("Only the therapist withdraws their slots.");
            }
            throw new SlotNotFoundException();
        }
        Slot slot = slots.find(slotId).filter(s -> s.therapistId().equals(therapistId))
                .orElseThrow(SlotNotFoundException::new);
        if (!slots.deleteOpen(slot)) {
            throw new SlotBookedException();
        }
    }

    private boolean linkedClient(Caller caller, String therapistId) {
        return caller.is(Role.CLIENT) && links.linked(caller.userId(), therapistId);
    }

    /** A deleted therapist's open slots are withdrawn (booked ones stay as the record of their sessions). */
    public void withdrawOpenSlotsOf(String therapistId) {
        slots.ofTherapist(therapistId).stream().filter(slot -> slot.status() == SlotStatus.OPEN)
                .forEach(slots::deleteOpen);
    }
}
