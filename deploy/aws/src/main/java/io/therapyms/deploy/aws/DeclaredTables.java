package io.therapyms.deploy.aws;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.therapyms.platform.consumer.ProcessedEventsTable;
import io.therapyms.platform.dynamo.TableSpec;

/**
 * Every table the services create at start-up, read from the same {@code TableSpec} producers their
 * {@code TableBootstrap} uses (each service's {@code config/*Tables} class and the platform's processed-events
 * table), so the infrastructure code cannot declare a table, key or index the services do not.
 */
public final class DeclaredTables {

    /** A service (its {@code quarkus.application.name}) and the class that produces its own tables. */
    record Service(String name, String tablesClass) {
    }

    static final List<Service> SERVICES = List.of(
            new Service("auth-service", "io.therapyms.auth.config.AuthTables"),
            new Service("client-service", "io.therapyms.clients.config.ClientTables"),
            new Service("therapist-service", "io.therapyms.therapists.config.TherapistTables"),
            new Service("scheduling-service", "io.therapyms.scheduling.config.SchedulingTables"),
            new Service("journal-service", "io.therapyms.journal.config.JournalTables"),
            new Service("messaging-service", "io.therapyms.messaging.config.MessagingTables"),
            new Service("analytics-service", "io.therapyms.analytics.config.AnalyticsTables"));

    private DeclaredTables() {
    }

    /** Every service's tables, by service name, in declaration order. */
    public static Map<String, List<TableSpec>> byService() {
        Map<String, List<TableSpec>> tables = new LinkedHashMap<>();
        for (Service service : SERVICES) {
            List<TableSpec> specs = new ArrayList<>(produced(service.tablesClass()));
            specs.add(processedEvents(service.name()));
            tables.put(service.name(), List.copyOf(specs));
        }
        return tables;
    }

    /** What the {@code TableSpec}-returning methods (the CDI producers) of {@code className} produce. */
    static List<TableSpec> produced(String className) {
        try {
            Class<?> type = Class.forName(className);
            Object instance = newInstance(type);
            List<Method> producers = new ArrayList<>();
            for (Method method : type.getDeclaredMethods()) {
                if (method.getReturnType() == TableSpec.class && method.getParameterCount() == 0
                        && !Modifier.isStatic(method.getModifiers())) {
                    producers.add(method);
                }
            }
            if (producers.isEmpty()) {
                throw new IllegalStateException(className + " produces no TableSpec");
            }
            producers.sort(Comparator.comparing(Method::getName));
            List<TableSpec> specs = new ArrayList<>();
            for (Method producer : producers) {
                producer.setAccessible(true);
                specs.add((TableSpec) producer.invoke(instance));
            }
            return specs;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read the tables of " + className, e);
        }
    }

    /** The platform's processed-events table as {@code service} names it ({@code quarkus.application.name}). */
    static TableSpec processedEvents(String service) {
        try {
            ProcessedEventsTable table = newInstance(ProcessedEventsTable.class);
            Field name = ProcessedEventsTable.class.getDeclaredField("applicationName");
            name.setAccessible(true);
            name.set(table, service);
            Method producer = ProcessedEventsTable.class.getDeclaredMethod("processedEvents");
            producer.setAccessible(true);
            return (TableSpec) producer.invoke(table);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read the processed-events table", e);
        }
    }

    private static <T> T newInstance(Class<T> type) throws ReflectiveOperationException {
        var constructor = type.getDeclaredConstructor();
        constructor.setAccessible(true);
        return constructor.newInstance();
    }
}
