package io.therapyms.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * The few DynamoDB JSON-protocol calls devstack needs, without the AWS SDK. Only for dynalite: it requires a
 * well-formed {@code Authorization} header but does not check the signature, so requests carry a dummy one.
 */
final class DynamoHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final String endpoint;

    DynamoHttp(String endpoint) {
        this.endpoint = endpoint;
    }

    /** Calls {@code operation} (e.g. ListTables) with {@code request} as JSON and returns the parsed JSON answer. */
    Map<String, Object> call(String operation, Map<String, Object> request) {
        String amzDate = ZonedDateTime.now(ZoneOffset.UTC).format(AMZ_DATE);
        HttpRequest httpRequest = HttpRequest.newBuilder(URI.create(endpoint + "/"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810." + operation)
                .header("X-Amz-Date", amzDate)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=devstack/" + amzDate.substring(0, 8)
                        + "/us-east-1/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
                        + "Signature=" + "0".repeat(64))
                .POST(HttpRequest.BodyPublishers.ofString(JsonUtil.toJson(request)))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(httpRequest, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(operation + " answered " + response.statusCode() + ": " + response.body());
            }
            return JsonUtil.parseJson(response.body());
        } catch (IOException | JoseException e) {
            throw new IllegalStateException(operation + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(operation + " interrupted", e);
        }
    }

    /** Every table name, following ListTables' pages. */
    List<String> listTables() {
        List<String> names = new ArrayList<>();
        Object lastEvaluated = null;
        do {
            Map<String, Object> request = new LinkedHashMap<>();
            if (lastEvaluated != null) {
                request.put("ExclusiveStartTableName", lastEvaluated);
            }
            Map<String, Object> page = call("ListTables", request);
            for (Object name : (List<?>) page.get("TableNames")) {
                names.add((String) name);
            }
            lastEvaluated = page.get("LastEvaluatedTableName");
        } while (lastEvaluated != null);
        return names;
    }

    /** Deletes the tables whose names start with {@code prefix}. */
    void deleteTables(String prefix) {
        for (String table : listTables()) {
            if (table.startsWith(prefix)) {
                call("DeleteTable", Map.of("TableName", table));
            }
        }
    }
}
