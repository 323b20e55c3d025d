package io.therapyms.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

class StackPortsTest {

    @Test
    void shiftsEveryPortByTheOffset() {
        StackPorts ports = new StackPorts(200);

        assertThat(ports.dynalite()).isEqualTo(8200);
        assertThat(ports.kafka()).isEqualTo(9292);
        assertThat(ports.kafkaController()).isEqualTo(9293);
        assertThat(ports.app(Apps.GATEWAY)).isEqualTo(8280);
        assertThat(ports.app(Apps.AUTH_SERVICE)).isEqualTo(8281);
        assertThat(ports.app(Apps.MESSAGING_SERVICE)).isEqualTo(8286);
        assertThat(ports.app(Apps.ANALYTICS_SERVICE)).isEqualTo(8287);
        assertThat(ports.gatewayManagement()).isEqualTo(9295);
        assertThat(ports.all(true)).hasSize(12).containsKey(9295);
        assertThat(ports.all(false)).containsOnlyKeys(8200, 9292, 9293);
    }

    @Test
    void refusesOffsetsOutsideThePortRange() {
        assertThatThrownBy(() -> new StackPorts(-1)).hasMessageContaining("-1");
        assertThatThrownBy(() -> new StackPorts(56_443)).hasMessageContaining("56443");
        assertThat(new StackPorts(56_442).kafkaController()).isEqualTo(65_535);
    }

    @Test
    void skipsAnOffsetWhosePortsAreTaken() throws Exception {
        StackPorts first = StackPorts.firstFree(1_500, 100, 20);
        try (ServerSocket squatter = new ServerSocket(first.app(Apps.JOURNAL_SERVICE), 0,
                InetAddress.getByName(Ports.LOOPBACK))) {
            assertThat(first.allFree()).isFalse();
            assertThat(first.taken(true)).containsExactly(first.app(Apps.JOURNAL_SERVICE) + " (journal-service)");
            assertThat(StackPorts.firstFree(first.offset(), 100, 20).offset()).isGreaterThan(first.offset());
        }
    }
}
