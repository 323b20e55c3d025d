package io.therapyms.analytics.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** One UpdateItem's SET / REMOVE clauses and condition, every attribute behind a placeholder (#name, :name). */
public final class Update {

    private final List<String> sets = new ArrayList<>();
    private final List<String> removes = new ArrayList<>();
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();
    private String condition;

    public static Update of() {
        return new Update();
    }

    public Update set(String attribute, AttributeValue value) {
        sets.add(name(attribute) + " = " + value(attribute, value));
        return this;
    }

    public Update set(String attribute, String value) {
        return value == null ? this : set(attribute, AttributeValue.fromS(value));
    }

    /** Sets the attribute only where it has no value yet: facts that never change once known. */
    public Update setOnce(String attribute, String value) {
        if (value != null) {
            sets.add(name(attribute) + " = if_not_exists(" + name(attribute) + ", "
                    + value(attribute, AttributeValue.fromS(value)) + ")");
        }
        return this;
    }

    public Update remove(String... attributes) {
        for (String attribute : attributes) {
            removes.add(name(attribute));
        }
        return this;
    }

    /** A condition over {@code #attribute} names and the {@code :placeholder} values given. */
    public Update when(String expression, Map<String, AttributeValue> conditionValues, String... attributes) {
        for (String attribute : attributes) {
            name(attribute);
        }
        values.putAll(conditionValues);
        condition = expression;
        return this;
    }

    /** The fact is applied only if none is stored yet or the stored one is older ({@code version} text order). */
    public Update ifNewer(String versionAttribute, String version) {
        set(versionAttribute, AttributeValue.fromS(version));
        return when("attribute_not_exists(#" + versionAttribute + ") OR #" + versionAttribute + " < :" + versionAttribute,
                Map.of(), versionAttribute);
    }

    public void applyTo(UpdateItemRequest.Builder request) {
        StringBuilder expression = new StringBuilder();
        if (!sets.isEmpty()) {
            expression.append("SET ").append(String.join(", ", sets));
        }
        if (!removes.isEmpty()) {
            expression.append(expression.isEmpty() ? "" : " ").append("REMOVE ").append(String.join(", ", removes));
        }
        request.updateExpression(expression.toString()).expressionAttributeNames(names);
        if (!values.isEmpty()) {
            request.expressionAttributeValues(values);
        }
        if (condition != null) {
            request.conditionExpression(condition);
        }
    }

    private String name(String attribute) {
        names.put("#" + attribute, attribute);
        return "#" + attribute;
    }

    private String value(String attribute, AttributeValue value) {
        values.put(":" + attribute, value);
        return ":" + attribute;
    }
}
