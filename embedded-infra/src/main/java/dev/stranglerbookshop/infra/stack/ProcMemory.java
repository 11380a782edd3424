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
        return tree(pid, "smaps_rollup", "Pss:");
    }

    /** RSS of a process and its descendants (counts shared pages once per process). */
    static long treeRssKiB(long pid) {
        return tree(pid, "status", "VmRSS:");
    }

    static long pssKiB(long pid) {
        return read(pid, "smaps_rollup", "Pss:");
    }

    static long rssKiB(long pid) {
        return read(pid, "status", "VmRSS:");
    }

    private static long tree(long pid, String file, String field) {
        return ProcessHandle.of(pid)
                .map(h -> read(pid, file, field) + h.descendants().mapToLong(d -> read(d.pid(), file, field)).sum())
                .orElse(0L);
    }

    private static long read(long pid, String file, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), file))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // The process ended or this is not Linux: report nothing rather than fail the stack.
        }
        return 0;
    }
}
