package io.therapyms.therapists;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Registered for tests ({@code %test.quarkus.dynamodb.interceptors}): records the operation name,
 * the index and the {@code ScannedCount} of every DynamoDB call the service makes.
 */
public class DynamoCallRecorder implements ExecutionInterceptor {

    public record Call(String operation, String index, int scannedCount) {
    }

    private static final ConcurrentLinkedQueue<Call> CALLS = new ConcurrentLinkedQueue<>();

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String index = context.request() instanceof QueryRequest query ? query.indexName() : null;
        int scanned = 0;
        if (context.response() instanceof QueryResponse query && query.scannedCount() != null) {
            scanned = query.scannedCount();
        } else if (context.response() instanceof ScanResponse scan && scan.scannedCount() != null) {
            scanned = scan.scannedCount();
        }
        CALLS.add(new Call(operation, index, scanned));
    }

    public static void reset() {
        CALLS.clear();
    }

    public static List<Call> calls() {
        return List.copyOf(CALLS);
    }
}
