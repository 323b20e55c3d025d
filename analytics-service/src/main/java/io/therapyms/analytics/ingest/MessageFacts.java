package io.therapyms.analytics.ingest;

import static io.therapyms.analytics.ingest.Facts.KIND;

import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.therapyms.analytics.config.AnalyticsTables;
import io.therapyms.analytics.config.Store;
import io.therapyms.analytics.config.TimeKeys;
import io.therapyms.analytics.config.Update;
import io.therapyms.analytics.days.DayAggregates;
import io.therapyms.platform.dynamo.TableSpec;

/**
 * Messages as times and parties only (never content): one copy per party, so each finds its sent and received
 * messages on its own time line without knowing who is the therapist.
 * <pre>copy: pk = MSG#messageId sk = U#ownerId  ownerId counterpartId direction(sent|received) sentAt readAt
 *   gsi1 = T#ownerId / sent#M#messageId · gsi3 = C#counterpartId / MSG#messageId#ownerId
 *   gsi2 = UNREAD#ownerId#counterpartId / messageId  (received copies, while unread)</pre>
 */
@Singleton
public class MessageFacts {

    @Inject
    Store store;

    @Inject
    DayAggregates days;

    @Inject
    People people;

    public void sent(String messageId, People.Client owner, People.Client counterpart, boolean ownerSent, Instant at) {
        if (owner.erased()) {
            // An erased client's own copies are gone for good. A MessageRead applied before this MessageSent and
            // before the erasure left a copy holding only readAt, which the erasure's sweep cannot find (it is on
            // no index yet): remove it here.
            store.delete("MSG#" + messageId, "U#" + owner.realId());
            return;
        }
        String sk = "U#" + owner.id();
        Supplier<Update> copy = () -> {
            Update fields = Update.of().set(KIND, Facts.MESSAGE).set("ownerId", owner.id())
                    .set("counterpartId", counterpart.id()).set("direction", ownerSent ? "sent" : "received")
                    .set("sentAt", TimeKeys.key(at)).set(TableSpec.GSI1_PK, Facts.timeline(owner.id()))
                    .set(TableSpec.GSI1_SK, TimeKeys.key(at) + "#" + Facts.MESSAGE_MARK + "#" + messageId);
            if (!counterpart.erased()) {
                fields.set(AnalyticsTables.GSI3_PK, Facts.ofClient(counterpart.id()))
                        .set(AnalyticsTables.GSI3_SK, "MSG#" + messageId + "#" + owner.id());
            }
            return fields;
        };
        // A received copy is unread until a MessageRead says otherwise, whichever of the two arrives first: one
        // conditional write stores it as unread, and only if the read came first is it written again without.
        boolean storedUnread = !ownerSent && !counterpart.erased() && store.updateIf("MSG#" + messageId, sk,
                copy.get().set(TableSpec.GSI2_PK, Facts.unread(owner.id(), counterpart.id()))
                        .set(TableSpec.GSI2_SK, messageId).when("attribute_not_exists(#readAt)", Map.of(), "readAt"));
        if (!storedUnread) {
            store.update("MSG#" + messageId, sk, copy.get());
        }
        // No erased re-check here: an erasure that raced this write is caught by the consumer's check after the
        // event, whose sweep finds this copy on the owner's timeline.
        days.mark(owner.id(), at);
    }

    public void read(String messageId, People.Client reader, Instant at) {
        if (reader.erased()) {
            return;
        }
        store.update("MSG#" + messageId, "U#" + reader.id(), Update.of().setOnce("readAt", TimeKeys.key(at))
                .remove(TableSpec.GSI2_PK, TableSpec.GSI2_SK));
        forgetIfErasedMeanwhile(messageId, reader);
    }

    /**
     * The erasure (another topic, another consumer thread) may have marked the client and swept its facts between
     * the check above and this write, which would leave a copy holding the client's id. The erasure marks before it
     * sweeps, so either this consistent read sees the mark, or the sweep runs after this write: it finds a sent copy
     * on the client's timeline, and a copy holding only readAt is removed when its MessageSent arrives (above).
     */
    private void forgetIfErasedMeanwhile(String messageId, People.Client client) {
        if (people.erased(client.realId())) {
            store.delete("MSG#" + messageId, "U#" + client.realId());
        }
    }
}
