package dev.stranglerbookshop.infra.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Memory figures from /proc for the table the stack prints. Proportional set size (PSS) rather than RSS, so memory
 * shared between processes (PostgreSQL's shared buffers, mapped jars) is counted once, not once per process.
 */
final class ProcMemory {

    private ProcMemory() {
    }

    /** A process and all its descendants (PostgreSQL: postmaster plus its workers). */
    static long treePssKiB(long pid) {
        return ProcessHandle.of(pid)
                .map(h -> pssKiB(pid) + h.descendants().mapToLong(d -> pssKiB(d.pid())).sum())
                .orElse(0L);
    }

    static long pssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // The process ended or this is not Linux: report nothing rather than fail the stack.
        }
        return 0;
    }
}
