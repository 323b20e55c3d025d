package io.therapyms.journal.measures;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.therapyms.events.DomainEvent;
import io.therapyms.events.journal.MeasureCompleted;
import io.therapyms.events.journal.MeasureSafetyFlagged;
import io.therapyms.journal.access.JournalAccess;
import io.therapyms.journal.access.JournalAccess.Viewer;
import io.therapyms.journal.entries.AccessAction;
import io.therapyms.journal.entries.AccessLog;
import io.therapyms.journal.support.Times;
import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.errors.BadRequestException;
import io.therapyms.platform.security.Caller;

/**
 * PHQ-9 and GAD-7: scoring, the safety follow-up of PHQ-9 item 9, and the same consent as the journal (the client,
 * or a linked therapist with an active grant whose every read is logged first).
 */
@Singleton
public class MeasureService {

    /** PHQ-9 item 9 (zero-based): "Thoughts that you would be better off dead, or of hurting yourself". */
    static final int PHQ9_SELF_HARM_ITEM = 8;

    /** The 201 body: the measure, plus the crisis resources text when {@code safetyFollowUp}. */
    public record Completed(Measure measure, String crisisResources) {
    }

    @Inject
    Clock clock;

    @Inject
    MeasureRepository measures;

    @Inject
    JournalAccess access;

    @Inject
    AccessLog accessLog;

    @ConfigProperty(name = "journal.crisis-resources-text")
    String crisisResourcesText;

    public Completed complete(Caller caller, String clientId, String instrumentName, List<Integer> answers) {
        access.requireOwner(caller, clientId, false);
        Instrument instrument = requireInstrument(instrumentName);
        List<Integer> checked = requireAnswers(instrument, answers);
        int score = Instrument.score(checked);
        boolean safetyFollowUp = instrument == Instrument.PHQ_9 && checked.get(PHQ9_SELF_HARM_ITEM) > 0;
        Measure measure = new Measure(UUID.randomUUID().toString(), instrument.wireName(), checked, score,
                instrument.severity(score), Times.now(clock), safetyFollowUp);
        List<DomainEvent> events = new ArrayList<>();
        events.add(new MeasureCompleted(measure.measureId(), clientId, measure.instrument(), measure.completedAt()));
        if (safetyFollowUp) {
            // the grant holders are decided here, where grants live, and travel with the event in the same write
            events.add(new MeasureSafetyFlagged(measure.measureId(), clientId, access.activeGrantHolders(clientId)));
        }
        measures.create(clientId, measure, events.toArray(DomainEvent[]::new));
        return new Completed(measure, safetyFollowUp ? crisisResourcesText : null);
    }

    public Page<Measure> list(Caller caller, String clientId, String instrumentName, String fromText, String toText,
            PageRequest page) {
        Viewer viewer = access.forRead(caller, clientId);
        Instrument instrument = instrumentName == null ? null : requireInstrument(instrumentName);
        Instant from = Times.parse(fromText, "from");
        Instant to = Times.parse(toText, "to");
        if (from != null && to != null && from.isAfter(to)) {
            throw BadRequestException.field("from", "must not be after to");
        }
        String scope = "journal-measures:" + clientId + ":" + viewer + ":" + instrumentName + ":" + from + ":" + to;
        Page<Measure> found = measures.page(clientId, instrument, from, to, page, scope);
        if (viewer == Viewer.GRANTED_THERAPIST) {
            accessLog.record(clientId, caller.userId(), AccessAction.MEASURES,
                    found.items().stream().map(Measure::measureId).toList());
        }
        return found;
    }

    private static Instrument requireInstrument(String name) {
        return Instrument.of(name).orElseThrow(() -> BadRequestException.field("instrument",
                "must be one of " + String.join(", ", Instrument.wireNames())));
    }

    private static List<Integer> requireAnswers(Instrument instrument, List<Integer> answers) {
        if (answers == null || answers.size() != instrument.items()) {
            throw BadRequestException.field("answers",
                    instrument.wireName() + " needs exactly " + instrument.items() + " answers");
        }
        for (int i = 0; i < answers.size(); i++) {
            Integer answer = answers.get(i);
            if (answer == null || answer < 0 || answer > Instrument.MAX_ANSWER) {
                throw BadRequestException.field("answers[" + i + "]",
                        "must be a whole number from 0 to " + Instrument.MAX_ANSWER);
            }
        }
        return List.copyOf(answers);
    }
}
