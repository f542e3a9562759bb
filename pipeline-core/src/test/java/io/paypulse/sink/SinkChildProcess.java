package io.paypulse.sink;

import io.paypulse.schema.RawEventReader;
import io.paypulse.schema.SchemaRegistryClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A parsed-CSV sink alone in a JVM, for {@link CsvSinkIT} to kill -9. Args: bootstrap servers, raw topic,
 * output dir, Schema Registry URL.
 */
public final class SinkChildProcess {

    private SinkChildProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        CsvSink sink = CsvSink.parsed(Map.of("bootstrap.servers", args[0]), Path.of(args[2]), args[1],
                RawEventReader.withRegistry(new SchemaRegistryClient(args[3]), Duration.ofSeconds(2)));
        sink.start();
        System.out.println("started");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
