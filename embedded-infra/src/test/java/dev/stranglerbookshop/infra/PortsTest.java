package dev.stranglerbookshop.infra;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
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
    void aFreePortPassesAndCanThenBeBound() throws Exception {
        int port = Ports.free();
        assertThatCode(() -> Ports.requireFree(port, "ANY")).doesNotThrowAnyException();
        try (ServerSocket bound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(bound.getLocalPort()).isEqualTo(port); // "free" meant free
        }
    }

    @Test
    void freePortsAreOutsideTheEphemeralRangeAndNeverHandedOutTwice() {
        List<Integer> ports = IntStream.range(0, 500).map(i -> Ports.free()).boxed().toList();
        assertThat(ports).allSatisfy(port -> assertThat(port).isBetween(Ports.LOWEST, Ports.BELOW - 1))
                .doesNotHaveDuplicates();
    }

    @Test
    void aCandidateBoundElsewhereOrHandedOutBeforeIsSkipped() throws Exception {
        int handedOut = Ports.free();
        int open;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            open = probe.getLocalPort(); // free again once closed, and never handed out by Ports
        }
        try (ServerSocket elsewhere = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var candidates = List.of(elsewhere.getLocalPort(), handedOut, open).iterator();
            assertThat(Ports.free(candidates::next)).isEqualTo(open);
        }
    }
}
