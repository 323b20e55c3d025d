package io.therapyms.messaging.messages;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonValue;

import io.therapyms.platform.wire.WireNames;

/** Whether the recipient has read a message; the lower-case name is the API's and the stored {@code status}. */
@Schema(type = SchemaType.STRING, enumeration = { "sent", "read" })
public enum MessageStatus {
    SENT, READ;

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    /** A stored value; anything else means the item was not written by this service. */
    static MessageStatus stored(String value) {
        return WireNames.stored(MessageStatus.class, value, "message status");
    }
}
