package io.therapyms.platform.dynamo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * A table a service owns, declared as a CDI bean ({@code @Produces TableSpec}) so that
 * {@link TableBootstrap} creates it at start-up. Names are logical; the physical name carries the
 * configured resource prefix.
 *
 * @param outbox whether items of this table may carry pending events (adds the outbox index)
 */
public record TableSpec(String name, Key partitionKey, Optional<Key> sortKey, List<Index> indexes,
        boolean outbox, Optional<String> ttlAttribute) {

    public record Key(String attribute, ScalarAttributeType type) {
        public static Key string(String attribute) {
            return new Key(attribute, ScalarAttributeType.S);
        }

        public static Key number(String attribute) {
            return new Key(attribute, ScalarAttributeType.N);
        }
    }

    /** A global secondary index; {@code sortKey} may be empty. */
    public record Index(String name, Key partitionKey, Optional<Key> sortKey, ProjectionType projection) {
        public static Index of(String name, Key partitionKey, Key sortKey) {
            return new Index(name, partitionKey, Optional.ofNullable(sortKey), ProjectionType.ALL);
        }

        public static Index keysOnly(String name, Key partitionKey, Key sortKey) {
            return new Index(name, partitionKey, Optional.ofNullable(sortKey), ProjectionType.KEYS_ONLY);
        }
    }

    /** Generic key names for a service's single table: {@code pk}/{@code sk} and overloaded GSIs. */
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String GSI1 = "gsi1";
    public static final String GSI1_PK = "gsi1pk";
    public static final String GSI1_SK = "gsi1sk";
    public static final String GSI2 = "gsi2";
    public static final String GSI2_PK = "gsi2pk";
    public static final String GSI2_SK = "gsi2sk";

    public TableSpec {
        indexes = List.copyOf(indexes);
    }

    public static Builder builder(String name, Key partitionKey) {
        return new Builder(name, partitionKey);
    }

    /**
     * The single-table layout most services use: {@code pk}/{@code sk} string keys, two overloaded
     * string GSIs ({@code gsi1pk/gsi1sk}, {@code gsi2pk/gsi2sk}) for the access patterns listed in
     * the service README, and the outbox.
     */
    public static TableSpec singleTable(String name) {
        return singleTableBuilder(name).build();
    }

    /** {@link #singleTable}'s layout, to add to (a TTL attribute, say). */
    public static Builder singleTableBuilder(String name) {
        return builder(name, Key.string(PK)).sortKey(Key.string(SK))
                .index(Index.of(GSI1, Key.string(GSI1_PK), Key.string(GSI1_SK)))
                .index(Index.of(GSI2, Key.string(GSI2_PK), Key.string(GSI2_SK)))
                .withOutbox();
    }

    public static final class Builder {
        private final String name;
        private final Key partitionKey;
        private Key sortKey;
        private final List<Index> indexes = new ArrayList<>();
        private boolean outbox;
        private String ttlAttribute;

        private Builder(String name, Key partitionKey) {
            this.name = name;
            this.partitionKey = partitionKey;
        }

        public Builder sortKey(Key key) {
            this.sortKey = key;
            return this;
        }

        public Builder index(Index index) {
            indexes.add(index);
            return this;
        }

        public Builder withOutbox() {
            this.outbox = true;
            return this;
        }

        public Builder ttl(String attribute) {
            this.ttlAttribute = attribute;
            return this;
        }

        public TableSpec build() {
            return new TableSpec(name, partitionKey, Optional.ofNullable(sortKey), indexes, outbox,
                    Optional.ofNullable(ttlAttribute));
        }
    }
}
