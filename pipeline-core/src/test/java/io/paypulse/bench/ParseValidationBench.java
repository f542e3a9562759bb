package io.paypulse.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paypulse.config.Scenario;
import io.paypulse.event.parse.LogLineParser;
import io.paypulse.schema.RawEventReader;
import io.paypulse.schema.SchemaRegistryClient;
import io.paypulse.schema.Schemas;
import io.paypulse.generate.EventFactory;
import io.paypulse.json.Mappers;
import io.paypulse.schema.WireFormat;
import io.paypulse.testing.FakeSchemaRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * What schema validation adds to the processor's parse step, in process (no Kafka), one thread, on
 * 200,000 generated (valid) events per round; rounds alternate the paths; prints the median of 7
 * rounds after 3 warm-ups:
 * <ol>
 *   <li>the parse as it was before the schema contract ({@link LogLineParser} alone);</li>
 *   <li>validate first: JSON tree + full JSON Schema validation + the same parse (plain JSON);</li>
 *   <li>what the processor does: {@link RawEventReader}'s fast path, plain JSON;</li>
 *   <li>the same on wire-format values whose id names the bundled schema (resolved once, cached);</li>
 *   <li>wire-format values whose id names a newer schema (v2 with an optional field): full validation.</li>
 * </ol>
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
            plain[i] = Mappers.json().writeValueAsBytes(factory.next(t0.plusMillis(i), Scenario.NORMAL).event());
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
            RawEventReader validateFirst = RawEventReader.validatingFirst(null, Duration.ZERO);
            ObjectNode v2 =
                    (ObjectNode) Mappers.json().readTree(Schemas.RAW.text());
            ((ObjectNode) v2.get("properties")).putObject("channel").put("type", "string");
            int v2Id = client.register(Schemas.RAW_SUBJECT, v2.toString());
            byte[][] framedV2 = new byte[EVENTS][];
            for (int i = 0; i < EVENTS; i++) {
                framedV2[i] = WireFormat.frame(v2Id, plain[i]);
            }

            double[][] ns = new double[5][ROUNDS];
            for (int round = 0; round < WARMUP + ROUNDS; round++) {
                long a = System.nanoTime();
                int ok = 0;
                for (byte[] v : plain) {
                    ok += parser.parse(v, now).isOk() ? 1 : 0;
                }
                long b = System.nanoTime();
                for (byte[] v : plain) {
                    ok += validateFirst.read(v, now).isOk() ? 1 : 0;
                }
                long c = System.nanoTime();
                for (byte[] v : plain) {
                    ok += local.read(v, now).isOk() ? 1 : 0;
                }
                long d = System.nanoTime();
                for (byte[] v : framed) {
                    ok += wire.read(v, now).isOk() ? 1 : 0;
                }
                long e = System.nanoTime();
                for (byte[] v : framedV2) {
                    ok += wire.read(v, now).isOk() ? 1 : 0;
                }
                long f = System.nanoTime();
                if (ok != 5 * EVENTS) {
                    throw new IllegalStateException("expected every event to parse, got " + ok);
                }
                if (round >= WARMUP) {
                    ns[0][round - WARMUP] = (b - a) / (double) EVENTS;
                    ns[1][round - WARMUP] = (c - b) / (double) EVENTS;
                    ns[2][round - WARMUP] = (d - c) / (double) EVENTS;
                    ns[3][round - WARMUP] = (e - d) / (double) EVENTS;
                    ns[4][round - WARMUP] = (f - e) / (double) EVENTS;
                }
            }
            double before = median(ns[0]);
            String[] names = {"parse only (before the schema contract)", "validate first, then parse (plain JSON)",
                "processor: fast path, plain JSON", "processor: fast path, wire format (bundled schema id)",
                "processor: wire format, newer schema id (full validation)"};
            System.out.println("| Path | ns/event (median of " + ROUNDS + ") | events/s | added per event |");
            System.out.println("|---|---|---|---|");
            for (int k = 0; k < names.length; k++) {
                double m = median(ns[k]);
                System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f M | %s |%n", names[k], m, 1e3 / m,
                        k == 0 ? "" : String.format(Locale.ROOT, "%+.0f ns (%+.0f %%)", m - before, 100 * (m - before) / before));
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
