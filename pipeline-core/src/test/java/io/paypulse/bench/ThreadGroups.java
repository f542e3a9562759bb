package io.paypulse.bench;

/** Sorts this JVM's thread names into the pipeline's parts, to say where CPU goes. */
final class ThreadGroups {

    static final String JVM = "JVM other";
    static final String JIT = "JIT compiler";
    static final String GC = "GC";
    static final String BROKER = "broker";

    private ThreadGroups() {
    }

    static String of(String thread) {
        if (thread == null) {
            return "other";
        }
        if (thread.contains("StreamThread")) {
            return thread.contains("producer") ? "streams producer I/O" : "stream thread";
        }
        if (thread.startsWith("csv-sink-")) {
            return "CSV sinks";
        }
        if (thread.equals("generator") || thread.equals("bench-producer")) {
            return "generator";
        }
        if (thread.startsWith("kafka-producer-network-thread")) {
            return thread.contains("csv") ? "CSV sinks" : "generator producer I/O";
        }
        if (thread.startsWith("bench-") || thread.equals("main")) {
            return "bench harness";
        }
        if (thread.startsWith("kafka-admin-client-thread") || thread.contains("streams-client")
                || thread.contains("CleanupThread") || thread.contains("StateDirectory")) {
            return "clients (admin, cleanup)";
        }
        return BROKER;
    }
}
