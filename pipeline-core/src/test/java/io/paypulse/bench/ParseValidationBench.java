package io.paypulse.bench;

import io.paypulse.event.Json;
import io.paypulse.event.LogLineParser;
import io.paypulse.event.schema.RawEventReader;
import io.paypulse.event.schema.SchemaRegistryClient;
import io.paypulse.event.schema.Schemas;
import io.paypulse.event.schema.WireFormat;
import io.paypulse.generate.EventFactory;
import io.paypulse.generate.Scenario;
import io.paypulse.testing.FakeSchemaRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * What schema validation adds to the processor's parse step, in process (no Kafka), one thread:
 * the parse as it was before the schema contract ({@link LogLineParser} alone), then
 * {@link RawEventReader} on plain JSON (tree + JSON Schema validation + the same parse), then on
 * wire-format values with the schema id resolved once from a local fake registry and cached.
 * 200,000 generated events per round, rounds alternate; prints the median of 7 rounds after 3 warm-ups.
 *
 * <p>Run after {@code mvn -pl pipeline-core test-compile}:
 * {@code java -cp pipeline-core/target/test-classes:pipeline-core/target/classes:$(cat cp.txt) io.paypulse.bench.ParseValidationBench}
 * (cp.txt from {@code mvn -pl pipeline-core dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=cp.txt}).
 */
public final class ParseValidationBench {

    private static final int EVENTS = 200_000;
    private static final int WARMUP = 3;
    private static final int ROUNDS = 7;

    private ParseValidationBench() {
    }

    public static void main(String[] args) throws Exception {
        Instant t0 = Instant.parse("2026-11-26T10:00:00Z");
        EventFactory factory = new EventFactory(7L);
        byte[][] plain = new byte[EVENTS][];
        for (int i = 0; i < EVENTS; i++) {
            plain[i] = Json.MAPPER.writeValueAsBytes(factory.next(t0.plusMillis(i), Scenario.NORMAL).event());
        }
        Instant now = t0.plusSeconds(3600);
        LogLineParser parser = new LogLineParser();
        RawEventReader local = RawEventReader.local();
        try (FakeSchemaRegistry registry = FakeSchemaRegistry.start()) {
            SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
            int id = client.register(Schemas.RAW_SUBJECT, Schemas.RAW.text());
            byte[][] framed = new byte[EVENTS][];
            for (int i = 0; i < EVENTS; i++) {
                framed[i] = WireFormat.frame(id, plain[i]);
            }
            RawEventReader wire = RawEventReader.withRegistry(client, Duration.ofSeconds(2));

            double[][] ns = new double[3][ROUNDS];
            for (int round = 0; round < WARMUP + ROUNDS; round++) {
                long a = System.nanoTime();
                int ok = 0;
                for (byte[] v : plain) {
                    ok += parser.parse(v, now).isOk() ? 1 : 0;
                }
                long b = System.nanoTime();
                for (byte[] v : plain) {
                    ok += local.read(v, now).isOk() ? 1 : 0;
                }
                long c = System.nanoTime();
                for (byte[] v : framed) {
                    ok += wire.read(v, now).isOk() ? 1 : 0;
                }
                long d = System.nanoTime();
                if (ok != 3 * EVENTS) {
                    throw new IllegalStateException("expected every event to parse, got " + ok);
                }
                if (round >= WARMUP) {
                    ns[0][round - WARMUP] = (b - a) / (double) EVENTS;
                    ns[1][round - WARMUP] = (c - b) / (double) EVENTS;
                    ns[2][round - WARMUP] = (d - c) / (double) EVENTS;
                }
            }
            double before = median(ns[0]);
            String[] names = {"parse only (before)", "schema + parse, plain JSON", "schema + parse, wire format"};
            System.out.println("| Path | ns/event (median of " + ROUNDS + ") | events/s | added per event |");
            System.out.println("|---|---|---|---|");
            for (int k = 0; k < 3; k++) {
                double m = median(ns[k]);
                System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f M | %s |%n", names[k], m, 1e3 / m,
                        k == 0 ? "" : String.format(Locale.ROOT, "+%.0f ns", m - before));
            }
            System.out.println("registry lookups: " + registry.lookups());
        }
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
