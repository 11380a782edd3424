package dev.stranglerbookshop.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;

/** Port checks shared by the test resources and the local stack. */
public final class Ports {

    private Ports() {
    }

    /** Where test ports are drawn from: below Linux's default ephemeral range (32768-60999), above well-known ports. */
    static final int LOWEST = 10_000;
    static final int BELOW = 32_768;

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /**
     * A port free on loopback now, from 10000-32767, never the same twice in this JVM. A port the OS picks for port 0
     * comes from the ephemeral range, which every outgoing connection on the machine also draws from: between choosing
     * it and a child process binding it (seconds, in the acceptance suite), a Kafka or JDBC client anywhere could take
     * it. Outside that range only another process choosing the very same port at random can.
     *
     * @throws IllegalStateException when 200 random candidates in the range are all taken
     */
    public static int free() {
        return free(() -> ThreadLocalRandom.current().nextInt(LOWEST, BELOW));
    }

    /** The first candidate that is bindable and not handed out before; tests supply the candidates. */
    static int free(IntSupplier candidates) {
        for (int tries = 0; tries < 200; tries++) {
            int port = candidates.getAsInt();
            if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port on 127.0.0.1 between " + LOWEST + " and " + (BELOW - 1));
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails with a message naming the port's owner in our terms, instead of a late bind error deep in a server log. */
    public static void requireFree(int port, String what) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " (" + what + ") is already in use on 127.0.0.1. "
                    + "Stop whatever holds it, or choose another port (see deploy/ports.env).", e);
        }
    }
}
