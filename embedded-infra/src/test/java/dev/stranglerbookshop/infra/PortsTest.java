package dev.stranglerbookshop.infra;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortsTest {

    @Test
    void aTakenPortFailsWithAMessageNamingItsRole() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> Ports.requireFree(taken.getLocalPort(), "MONOLITH_HTTP_PORT"))
                    .hasMessageContaining("Port " + taken.getLocalPort() + " (MONOLITH_HTTP_PORT) is already in use")
                    .hasMessageContaining("deploy/ports.env");
        }
    }

    @Test
    void aFreePortPasses() {
        assertThatCode(() -> Ports.requireFree(Ports.free(), "ANY")).doesNotThrowAnyException();
    }
}
