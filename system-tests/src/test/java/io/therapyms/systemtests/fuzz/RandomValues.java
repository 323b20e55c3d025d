package io.therapyms.systemtests.fuzz;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Values a careless or hostile client might send: right and wrong types, empty and very long, every corner of Unicode
 * (including what JSON can carry but the API must refuse: NUL, lone surrogates), numbers at the edges, deep nesting,
 * and the ids that exist so requests also reach past the "not found" checks.
 */
final class RandomValues {

    private static final String[] FRAGMENTS = {
        "", " ", "a", "Zoë", "名前", "ÅÄÖ", "مرحبا", "שלום", "🙂", "👩🏽‍⚕️", "e\u0301", "\u200b", "\u202e", "\ufeff",
        "\u0000", "\ud800", "\udfff", "\\", "\"", "'", "`", "%", "%00", "%s%n", "{}", "[]", "null", "true", "-1",
        "../../etc/passwd", "..", "/", "?", "#", "&", "=", "<script>alert(1)</script>", "' OR '1'='1",
        "{\"$gt\":\"\"}", "${jndi:ldap://x}", "#{7*7}", "\r\n", "\t", "ATTRIBUTE_NOT_EXISTS(pk)", "CONV#", "USER#",
        "2026-12-01T15:00:00Z", "2026-13-45T99:99:99Z", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
        "happy", "anxious", "approved", "pending", "revoked", "cancelled", "read", "client", "therapist", "admin",
    };
    /** Domains that bean validation and the event schemas might judge differently. */
    private static final List<String> EMAIL_DOMAINS = List.of("example.com", "system-tests.local", "localhost",
            "xn--bcher-kva.example", "例え.jp", "[127.0.0.1]", "a.b");
    private static final String[] FORMATS_OF_TIME = { "past", "future", "garbage", "offset" };

    private final Random random;
    private final List<String> knownIds;

    RandomValues(Random random, List<String> knownIds) {
        this.random = random;
        this.knownIds = knownIds;
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    int below(int bound) {
        return random.nextInt(bound);
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** An id-like value: mostly one that exists, else a random UUID or any string. */
    String id() {
        double roll = random.nextDouble();
        if (roll < 0.55 && !knownIds.isEmpty()) {
            return pick(knownIds);
        }
        return roll < 0.8 ? UUID.randomUUID().toString() : string();
    }

    /** Any string: fragments glued together, sometimes very long. */
    String string() {
        int parts = switch (random.nextInt(10)) {
            case 0 -> 0;
            case 1 -> 50 + random.nextInt(3_000);
            default -> 1 + random.nextInt(4);
        };
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parts; i++) {
            text.append(chance(0.5) ? FRAGMENTS[random.nextInt(FRAGMENTS.length)] : randomCodePoints(1 + random.nextInt(12)));
        }
        if (chance(0.02)) {
            text.append("x".repeat(10_000 + random.nextInt(30_000)));
        }
        return text.toString();
    }

    /** A value of any JSON type, nested up to {@code depth}. */
    Object anyValue(int depth) {
        int kinds = depth > 0 ? 9 : 7;
        return switch (random.nextInt(kinds)) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> number();
            case 3, 4 -> string();
            case 5 -> id();
            case 6 -> time();
            case 7 -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    list.add(anyValue(depth - 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    object.put(chance(0.8) ? randomCodePoints(1 + random.nextInt(10)) : string(), anyValue(depth - 1));
                }
                yield object;
            }
        };
    }

    Object number() {
        return switch (random.nextInt(8)) {
            case 0 -> 0;
            case 1 -> -1 - random.nextInt(1_000);
            case 2 -> random.nextInt(12);
            case 3 -> Long.MAX_VALUE;
            case 4 -> new BigInteger("9".repeat(1 + random.nextInt(400)));
            case 5 -> new BigDecimal("1e" + (random.nextBoolean() ? "" : "-") + random.nextInt(400));
            case 6 -> random.nextDouble() * 100;
            default -> Integer.MIN_VALUE;
        };
    }

    String time() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        return switch (FORMATS_OF_TIME[random.nextInt(FORMATS_OF_TIME.length)]) {
            case "past" -> now.minus(random.nextInt(5_000), ChronoUnit.HOURS).toString();
            case "future" -> now.plus(random.nextInt(5_000), ChronoUnit.HOURS).toString();
            case "offset" -> now.toString().replace("Z", random.nextBoolean() ? "+05:30" : "-23:59");
            default -> string();
        };
    }

    /**
     * A value for {@code schema}: usually of the declared type (an enum member, a time for a date-time, an id for an
     * id-like name), sometimes of any type at all.
     */
    Object forSchema(OpenApiOperations api, JsonNode schema, String name, int depth) {
        JsonNode resolved = api.resolve(schema);
        if (chance(0.15) || depth < 0) {
            return anyValue(Math.max(depth, 0));
        }
        if (resolved.has("enum") && chance(0.8)) {
            List<JsonNode> values = new ArrayList<>();
            resolved.get("enum").forEach(values::add);
            return values.isEmpty() ? string() : pick(values).asText();
        }
        String type = resolved.path("type").asText(resolved.has("properties") ? "object" : "");
        return switch (type) {
            case "object" -> objectFor(api, resolved, depth);
            case "array" -> {
                List<Object> items = new ArrayList<>();
                for (int i = random.nextInt(chance(0.05) ? 150 : 4); i > 0; i--) {
                    items.add(forSchema(api, resolved.path("items"), name, depth - 1));
                }
                yield items;
            }
            case "integer", "number" -> chance(0.7) ? random.nextInt(12) : number();
            case "boolean" -> random.nextBoolean();
            case "string" -> stringFor(resolved, name);
            default -> anyValue(Math.min(depth, 2));
        };
    }

    private Map<String, Object> objectFor(OpenApiOperations api, JsonNode schema, int depth) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            if (chance(0.8)) {
                object.put(property.getKey(), forSchema(api, property.getValue(), property.getKey(), depth - 1));
            }
        }
        if (chance(0.1)) {
            object.put(randomCodePoints(1 + random.nextInt(8)), anyValue(1)); // unknown fields are a 400
        }
        return object;
    }

    private String stringFor(JsonNode schema, String name) {
        String format = schema.path("format").asText("");
        String lowerName = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if ((format.startsWith("date") || lowerName.endsWith("time") || lowerName.endsWith("at")) && chance(0.7)) {
            return time();
        }
        if ((lowerName.endsWith("id") || format.equals("uuid")) && chance(0.7)) {
            return id();
        }
        if (lowerName.contains("email") && chance(0.6)) {
            return "fuzz-" + UUID.randomUUID() + "@" + pick(EMAIL_DOMAINS);
        }
        return string();
    }

    private String randomCodePoints(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            int codePoint = switch (random.nextInt(6)) {
                case 0 -> 0x20 + random.nextInt(0x5f);
                case 1 -> 0xa0 + random.nextInt(0x2000);
                case 2 -> 0x4e00 + random.nextInt(0x5000);
                case 3 -> 0x1f300 + random.nextInt(0x300);
                case 4 -> random.nextInt(0x20);
                default -> 0x61 + random.nextInt(26);
            };
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }
}
