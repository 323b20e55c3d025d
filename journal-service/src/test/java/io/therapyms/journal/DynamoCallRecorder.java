package io.therapyms.journal;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Registered for tests ({@code %test.quarkus.dynamodb.interceptors}): records every DynamoDB call the
 * service makes with its key condition, partition value and {@code ScannedCount}.
 */
public class DynamoCallRecorder implements ExecutionInterceptor {

    public record Call(String operation, String keyCondition, String partition, int scannedCount) {
    }

    private static final ConcurrentLinkedQueue<Call> CALLS = new ConcurrentLinkedQueue<>();

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String condition = null;
        String partition = null;
        if (context.request() instanceof QueryRequest query) {
            condition = query.keyConditionExpression();
            partition = query.hasExpressionAttributeValues() && query.expressionAttributeValues().get(":pk") != null
                    ? query.expressionAttributeValues().get(":pk").s() : null;
        }
        int scanned = context.response() instanceof QueryResponse query && query.scannedCount() != null
                ? query.scannedCount() : 0;
        CALLS.add(new Call(operation, condition, partition, scanned));
    }

    public static List<Call> calls() {
        return List.copyOf(CALLS);
    }
}
