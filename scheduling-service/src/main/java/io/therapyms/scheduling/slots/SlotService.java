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

import io.therapyms.events.scheduling.SlotsCreated;
import io.therapyms.platform.errors.BadRequestException;
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

    public record TimeRange(String startTime, String endTime) {
    }

    static final Duration MIN_LENGTH = Duration.ofMinutes(15);
    static final Duration MAX_WINDOW = Duration.ofDays(92);

    @Inject
    SlotRepository slots;

    @Inject
    Links links;

    public List<Slot> create(Caller caller, String therapistId, List<TimeRange> ranges) {
        if (!caller.isUser(therapistId) || !caller.is(Role.THERAPIST)) {
            if (caller.is(Role.THERAPIST) || caller.isAdmin()) {
                throw new ForbiddenException("Only the therapist publishes their slots.");
            }
            throw new SlotNotFoundException();
        }
        if (ranges == null || ranges.isEmpty() || ranges.size() > 100) {
            throw BadRequestException.field("slots", "must hold 1 to 100 slots");
        }
        Instant now = Instant.now();
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
            batch.add(new Slot(UUID.randomUUID().toString(), therapistId, start, end, "open"));
        }
        List<String> clashes = new ArrayList<>();
        batch.sort(Comparator.comparing(Slot::startTime));
        for (int i = 1; i < batch.size(); i++) {
            if (batch.get(i).startTime().isBefore(batch.get(i - 1).endTime())) {
                clashes.add(batch.get(i - 1).startTime() + "–" + batch.get(i - 1).endTime() + " with "
                        + batch.get(i).startTime() + "–" + batch.get(i).endTime() + " in the batch");
            }
        }
        for (Slot slot : batch) {
            for (Slot existing : slots.between(therapistId, slot.startTime(), slot.endTime())) {
                clashes.add(slot.startTime() + "–" + slot.endTime() + " with slot " + existing.slotId());
            }
        }
        if (!clashes.isEmpty()) {
            throw new SlotOverlapException(String.join("; ", clashes));
        }
        SlotsCreated event = new SlotsCreated(therapistId, batch.stream().map(Slot::slotId).toList());
        for (int i = 0; i < batch.size(); i++) {
            if (i == 0) {
                slots.put(batch.get(i), event);
            } else {
                slots.put(batch.get(i));
            }
        }
        return batch;
    }

    public List<Slot> list(Caller caller, String therapistId, String fromText, String toText, String status) {
        boolean client = caller.is(Role.CLIENT);
        if (!(caller.isAdmin() || (caller.is(Role.THERAPIST) && caller.isUser(therapistId))
                || (client && links.linked(caller.userId(), therapistId)))) {
            throw new SlotNotFoundException();
        }
        if (status != null && !status.equals("open") && !status.equals("booked")) {
            throw BadRequestException.field("status", "must be open or booked");
        }
        Instant from = fromText == null ? Instant.now() : Times.parse("from", fromText);
        Instant to = toText == null ? from.plus(MAX_WINDOW) : Times.parse("to", toText);
        if (!to.isAfter(from) || Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw BadRequestException.field("to", "must be after from and at most 92 days later");
        }
        String wanted = client ? "open" : status;
        if (client && "booked".equals(status)) {
            return List.of();
        }
        return slots.between(therapistId, from, to).stream()
                .filter(slot -> !slot.startTime().isBefore(from))
                .filter(slot -> wanted == null || wanted.equals(slot.status()))
                .sorted(Comparator.comparing(Slot::startTime)).toList();
    }

    public void delete(Caller caller, String therapistId, String slotId) {
        if (!(caller.is(Role.THERAPIST) && caller.isUser(therapistId))) {
            if (caller.isAdmin()) {
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

    static Clock clock() {
        return Clock.systemUTC();
    }
}
