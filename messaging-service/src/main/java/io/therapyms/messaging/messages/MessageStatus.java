package io.therapyms.messaging.messages;

import java.util.Arrays;
import java.util.Locale;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether the recipient has read a message; the lower-case name is the API's and the stored {@code status}. */
@Schema(type = SchemaType.STRING, enumeration = { "sent", "read" })
public enum MessageStatus {
    SENT, READ;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A stored value; anything else means the item was not written by this service. */
    static MessageStatus stored(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown stored message status: " + value));
    }
}
