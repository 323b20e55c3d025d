package io.therapyms.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Events leave their owner, so they must never carry clinical content (see EVENTS.md). */
class NoClinicalContentTest {

    private static final Set<String> CLINICAL_FIELDS =
            Set.of("content", "text", "notes", "feeling", "intensity", "body", "sharedNotes", "privateNotes",
                    "answers", "score", "severity");

    @Test
    void noEventRecordHasAClinicalField() {
        for (EventDescriptor descriptor : EventCatalog.all()) {
            Class<?> dataClass = descriptor.dataClass();
            assertThat(dataClass.isRecord()).as("%s is a record", dataClass.getSimpleName()).isTrue();
            assertThat(Arrays.stream(dataClass.getRecordComponents()).map(RecordComponent::getName))
                    .as("fields of %s", descriptor.type())
                    .doesNotContainAnyElementsOf(CLINICAL_FIELDS);
        }
    }
}
