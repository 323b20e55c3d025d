package io.therapyms.journal.entries;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonValue;

import io.therapyms.platform.wire.WireNames;

/** What a therapist did with a client's journal, as the access log records and shows it (lower-case name). */
@Schema(type = SchemaType.STRING, enumeration = { "list", "read", "insights", "measures" })
public enum AccessAction {
    /** A page of entries. */
    LIST,
    /** One entry. */
    READ,
    /** The mood and tag figures computed from the entries. */
    INSIGHTS,
    /** A page of questionnaire results (PHQ-9, GAD-7); the record's entryIds are the measure ids. */
    MEASURES;

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    static AccessAction stored(String value) {
        return WireNames.stored(AccessAction.class, value, "access log action");
    }
}
