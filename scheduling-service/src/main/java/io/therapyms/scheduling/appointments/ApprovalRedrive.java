package io.therapyms.scheduling.appointments;

import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.therapyms.events.scheduling.AppointmentApproved;
import io.therapyms.platform.consumer.IdempotentConsumer;

/**
 * Reads the service's own scheduling.events and completes each approval from its AppointmentApproved:
 * the event leaves with the slot's booking write, so it outlives a crash before the follow-up writes.
 * Other types are acknowledged without a store call.
 */
@Singleton
public class ApprovalRedrive {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    AppointmentService appointments;

    @Incoming("scheduling-events")
    @Blocking
    void onSchedulingEvent(String record) {
        consumer.consume(record, Set.of(AppointmentApproved.class), event -> {
            if (event.data() instanceof AppointmentApproved approved) {
                appointments.redriveApproval(approved);
            }
        });
    }
}
