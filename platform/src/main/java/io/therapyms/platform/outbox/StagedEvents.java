package io.therapyms.platform.outbox;

import java.util.Map;

/**
 * The outbox part of an UpdateItem: append {@link #setClause()} to the expression's SET clause and
 * merge {@link #names()} and {@link #values()} into the request's expression attributes, e.g.
 * <pre>{@code
 * StagedEvents staged = outbox.stage(new SlotBooked(...));
 * update.updateExpression("SET #status = :booked, " + staged.setClause())
 *       .expressionAttributeNames(merge(names, staged.names()))
 *       .expressionAttributeValues(merge(values, staged.values()));
 * }</pre>
 * The state change and its events then succeed or fail together, in one conditional write.
 */
public record StagedEvents(String setClause, Map<String, String> names,
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> values) {
}
