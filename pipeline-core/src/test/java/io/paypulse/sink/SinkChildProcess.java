package io.paypulse.sink;

import java.nio.file.Path;
import java.util.Map;

/** A parsed-CSV sink alone in a JVM, for {@link CsvSinkIT} to kill -9. Args: bootstrap servers, topic, output dir. */
public final class SinkChildProcess {

    private SinkChildProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        CsvSink sink = CsvSink.parsed(Map.of("bootstrap.servers", args[0]), Path.of(args[2]), args[1]);
        sink.start();
        System.out.println("started");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
