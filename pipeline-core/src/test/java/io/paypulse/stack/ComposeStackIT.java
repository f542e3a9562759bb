package io.paypulse.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.paypulse.broker.PortProbe;
import io.paypulse.event.Group;
import io.paypulse.event.Money;
import io.paypulse.event.PaymentType;
import io.paypulse.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker stack of {@code docker-compose.yml} on a real engine: kafka1..3 (KRaft, RF 3), the
 * generator and the processor, built from this checkout and started with docker-compose under the
 * project name {@code paypulse-it-<hash of the checkout path>}, checked from the host with plain
 * Kafka clients; then kafka2 is stopped and the pipeline must keep going on the other two brokers;
 * finally the stack is removed with its volumes. Uses the locally built images (packaging/local-images/build.sh), so it needs
 * no registry.
 *
 * <p>Run: {@code mvn -B -pl pipeline-core verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ComposeStackIT}.
 * Needs a running Docker engine and docker-compose ({@code bash packaging/docker/ensure-engine.sh}
 * as root). Without them it fails; {@code -Dpaypulse.docker.tests=false} skips it.
 *
 * <p>{@link #composeFileIsValidWithAndWithoutTheFullProfile()} needs only the compose CLI: it validates
 * the services whose images cannot be built here.
 *
 * <p>The processor must turn healthy (its compose healthcheck calls {@code /health}), and its
 * {@code /metrics}, published on a host port, must count parsed events. The main test is exact: it
 * compares the final windows with the generator's own tally and a recount of the raw topic (issue 10:
 * a fresh start once declared 17.6 % of its events late after an 84 s stall).
 */
class ComposeStackIT {

    private static final List<String> HEALTH_CHECKED = List.of("kafka1", "kafka2", "kafka3", "processor");
    private static final Duration HEALTHY_WITHIN = Duration.ofMinutes(4);
    private static final Duration RECORDS_WITHIN = Duration.ofMinutes(3);
    /**
     * From the processor turning healthy to committed aggregates counting events. Issue 10's stall took
     * ~84 s; a healthy start takes 8–16 s here under CI load (16.1 s and 16.3 s seen with 15 s as the
     * bound), so the bound catches that class of stall without timing the machine.
     */
    private static final Duration PROCESSING_WITHIN = Duration.ofSeconds(40);
    /** From the generator's stop until every window is final: the last one closes 1 min + grace after its start. */
    private static final Duration FINAL_WITHIN = Duration.ofMinutes(2);

    private static final Duration KAFKA2_DOWN_PROGRESS_WITHIN = Duration.ofMinutes(2);
    private static final List<String> CORE_SERVICES = List.of("kafka1", "kafka2", "kafka3", "generator", "processor");
    private static final List<String> FULL_PROFILE_SERVICES = List.of("schema-registry", "kafka-ui", "topics",
            "docker-proxy", "postgres", "airflow-init", "airflow-scheduler", "airflow-webserver");

    private static Path root;
    private static String project;
    private static List<String> compose;

    /** Per test rather than @BeforeAll, so that a skip is reported as a skipped test, not as no test. */
    @BeforeEach
    void requireCompose() {
        assumeFalse("false".equals(System.getProperty("paypulse.docker.tests")),
                "Docker tests switched off with -Dpaypulse.docker.tests=false");
        root = repositoryRoot();
        // One project per checkout: runs from other worktrees on the same engine never meet, and a
        // run still cleans up what an aborted run of this checkout left.
        project = "paypulse-it-" + Integer.toHexString(root.toString().hashCode());
        if (run(List.of("docker", "compose", "version"), Map.of(), Duration.ofSeconds(30)).code == 0) {
            compose = List.of("docker", "compose");
        } else if (run(List.of("docker-compose", "version"), Map.of(), Duration.ofSeconds(30)).code == 0) {
            compose = List.of("docker-compose");
        } else {
            fail("Neither `docker compose` nor `docker-compose` works. Install them with "
                    + "`bash packaging/docker/ensure-engine.sh`, or skip this test with -Dpaypulse.docker.tests=false.");
        }
    }

    private static void requireEngine() {
        Result info = run(List.of("docker", "version", "--format", "{{.Server.Version}}"), Map.of(), Duration.ofSeconds(30));
        if (info.code != 0) {
            fail("Docker is not available (" + info.lastLines(2) + "). Start it with "
                    + "`bash packaging/docker/ensure-engine.sh` (as root), or skip this test with -Dpaypulse.docker.tests=false.");
        }
    }

    /**
     * The services that cannot run here (their images come only from a registry: Schema Registry,
     * Kafka UI, Airflow, Postgres, the Docker API proxy) are at least validated by the compose CLI,
     * with the profile full and without it; no engine needed.
     */
    @Test
    void composeFileIsValidWithAndWithoutTheFullProfile() {
        Map<String, String> images = Map.of("KAFKA_IMAGE", "it/kafka:1", "PAYPULSE_IMAGE", "it/pipeline:1",
                "SCHEMA_REGISTRY_IMAGE", "it/schema-registry:1", "KAFKA_UI_IMAGE", "it/kafka-ui:1",
                "DOCKER_PROXY_IMAGE", "it/docker-proxy:1", "POSTGRES_IMAGE", "it/postgres:1",
                "AIRFLOW_IMAGE", "it/airflow:1");
        for (String profiles : List.of("full", "")) {
            Map<String, String> env = new HashMap<>(Map.of("COMPOSE_PROFILES", profiles));
            Result quiet = run(composeCommand("config", "-q"), env, Duration.ofMinutes(1));
            assertThat(quiet.code).as("config -q with COMPOSE_PROFILES=%s:%n%s", profiles, quiet.output).isZero();

            // Every image reference resolves to its registry default, and each is overridable.
            Map<String, JsonNode> defaults = services(env);
            env.putAll(images);
            Map<String, JsonNode> overridden = services(env);
            List<String> expected = new ArrayList<>(CORE_SERVICES);
            if (profiles.equals("full")) {
                expected.addAll(FULL_PROFILE_SERVICES);
            }
            assertThat(overridden).as("services with COMPOSE_PROFILES=%s", profiles).containsKeys(expected.toArray(String[]::new));
            overridden.forEach((service, spec) -> {
                String image = spec.path("image").asText();
                assertThat(image).as("image of %s", service).startsWith("it/").isIn(images.values());
                assertThat(defaults.get(service).path("image").asText()).as("default image of %s", service)
                        .doesNotContain("${").doesNotStartWith("it/").contains(":");
                List<String> serviceProfiles = new ArrayList<>();
                spec.path("profiles").forEach(p -> serviceProfiles.add(p.asText()));
                assertThat(serviceProfiles).as("profiles of %s", service)
                        .isEqualTo(CORE_SERVICES.contains(service) ? List.of() : List.of("full"));
            });
        }
    }

    /**
     * The Airflow database password is not in the compose file: it comes from the {@code .env} that
     * {@code packaging/docker/airflow-secrets.sh} writes, for Postgres and for Airflow's connection
     * alike; without it Postgres gets an empty password (and refuses to initialise).
     */
    @Test
    void postgresPasswordComesFromTheGeneratedEnvFileNotFromTheComposeFile(@TempDir Path dir) throws IOException {
        Path envFile = dir.resolve(".env");
        Result secrets = run(List.of("bash", "packaging/docker/airflow-secrets.sh", envFile.toString()), Map.of(),
                Duration.ofSeconds(30));
        assertThat(secrets.code).as(secrets.output).isZero();
        String password = Files.readAllLines(envFile).stream().filter(l -> l.startsWith("AIRFLOW_POSTGRES_PASSWORD="))
                .map(l -> l.substring(l.indexOf('=') + 1)).findFirst().orElseThrow();
        assertThat(password).isNotBlank().isNotEqualTo("airflow");

        Map<String, String> env = Map.of("COMPOSE_PROFILES", "full");
        Map<String, JsonNode> generated = services(env, "--env-file", envFile.toString());
        assertThat(generated.get("postgres").path("environment").path("POSTGRES_PASSWORD").asText()).isEqualTo(password);
        for (String airflow : List.of("airflow-init", "airflow-scheduler", "airflow-webserver")) {
            assertThat(generated.get(airflow).path("environment").path("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN").asText())
                    .as("database URL of %s", airflow).isEqualTo("postgresql+psycopg2://airflow:" + password + "@postgres/airflow");
        }

        Path empty = Files.writeString(dir.resolve("empty.env"), "");
        Map<String, JsonNode> without = services(env, "--env-file", empty.toString());
        assertThat(without.get("postgres").path("environment").path("POSTGRES_PASSWORD").asText()).isEmpty();
        assertThat(Files.readString(root.resolve("docker-compose.yml"))).doesNotContain("POSTGRES_PASSWORD: airflow")
                .doesNotContain("airflow:airflow@");
    }

    /** The services of {@code docker-compose config} under this environment, by name. */
    private static Map<String, JsonNode> services(Map<String, String> env, String... globalOptions) {
        List<String> command = new ArrayList<>(compose);
        command.addAll(List.of(globalOptions));
        command.addAll(List.of("-p", project, "-f", "docker-compose.yml", "config"));
        Result config = run(command, env, Duration.ofMinutes(1));
        assertThat(config.code).as("config:%n%s", config.output).isZero();
        try {
            // Only the YAML document: compose may print warnings around it (stdout and stderr are merged).
            String yaml = config.output.substring(Math.max(0, config.output.indexOf("services:")));
            JsonNode services = new ObjectMapper(new YAMLFactory()).readTree(yaml).path("services");
            Map<String, JsonNode> byName = new HashMap<>();
            services.fields().forEachRemaining(e -> byName.put(e.getKey(), e.getValue()));
            return byName;
        } catch (IOException e) {
            throw new UncheckedIOException("config printed no YAML:\n" + config.output, e);
        }
    }

    /**
     * A fresh start of the core stack, as a new user makes it, checked end to end against the
     * generator's own tally: processing (aggregates counting events, committed) within
     * {@link #PROCESSING_WITHIN} of the processor turning healthy; the pipeline keeps going with
     * kafka2 down; then the generator is stopped and, once every window is final, the final windows
     * hold exactly the events the generator reports sent, per group, counts and amounts, as does an
     * independent recount of the raw topic; no event was late and no no-data alert fired while the
     * generator was sending.
     */
    @Test
    void processorOnAThreeBrokerClusterCountsEveryEventTheGeneratorSentExactlyOnceAlsoWithOneBrokerDown()
            throws Exception {
        requireEngine();
        Map<String, String> env = stackEnvironment();
        compose(env, Duration.ofMinutes(2), "down", "-v", "--remove-orphans"); // leftovers of an aborted run
        String bootstrap = "localhost:" + env.get("KAFKA1_PORT") + ",localhost:" + env.get("KAFKA2_PORT")
                + ",localhost:" + env.get("KAFKA3_PORT");
        try {
            long start = System.nanoTime();
            compose(env, Duration.ofMinutes(5), "up", "-d", "kafka1", "kafka2", "kafka3", "generator", "processor");
            long processorHealthy = awaitHealthy();
            System.out.printf("ComposeStackIT: brokers and processor healthy %.1f s after up%n",
                    (processorHealthy - start) / 1e9);

            try (PipelineRecount recount = new PipelineRecount(bootstrap)) {
                awaitProcessing(recount, processorHealthy);
                assertReplicatedThreeTimes(bootstrap);
                assertMetricsCountParsedEvents(processorPort(env, 1));
                assertThat(state("processor")).as("processor container state").isEqualTo("running");
                assertThat(state("generator")).as("generator container state").isEqualTo("running");

                keepsGoingWhileKafka2IsDown(env);

                Instant generatorStopped = Instant.now();
                compose(env, Duration.ofMinutes(1), "stop", "generator");
                GeneratorReport sent = GeneratorReport.parse(logs("generator"));
                System.out.printf("ComposeStackIT: generator stopped %.1f s after up: %s%n",
                        (System.nanoTime() - start) / 1e9, sent);
                windowsHoldExactlyWhatTheGeneratorSent(recount, sent, processorPort(env, 1));
                System.out.printf("ComposeStackIT: all windows final and exact %.1f s after up%n",
                        (System.nanoTime() - start) / 1e9);
                assertThat(recount.alerts).as("no-data alerts raised while the generator was sending")
                        .filteredOn(a -> a.rule().equals("no-data") && a.firstSeen().isBefore(generatorStopped))
                        .isEmpty();
            }
        } catch (Throwable t) {
            printLogs();
            throw t;
        } finally {
            compose(env, Duration.ofMinutes(2), "down", "-v", "--remove-orphans");
        }
    }

    /**
     * The processor scaled out as the README says ({@code up -d --scale processor=2}): both replicas
     * turn healthy on host ports of their own, take state slots of their own and share the work, and
     * one set of CSV sinks writes on the shared volume while the other waits. The replica writing the
     * enriched CSV is killed (SIGKILL) mid-run: the other takes its partitions and its sinks over, and
     * once the generator stops, the final windows hold exactly what the generator sent, each window
     * and group once, as does a recount of the raw topic; nothing was late or dead-lettered; the CSV
     * files hold every event once.
     */
    @Test
    void twoProcessorReplicasShareTheWorkAndTheOneWritingTheCsvsKilledMidRunLosesNothing() throws Exception {
        requireEngine();
        Map<String, String> env = stackEnvironment();
        compose(env, Duration.ofMinutes(2), "down", "-v", "--remove-orphans"); // leftovers of an aborted run
        String bootstrap = "localhost:" + env.get("KAFKA1_PORT") + ",localhost:" + env.get("KAFKA2_PORT")
                + ",localhost:" + env.get("KAFKA3_PORT");
        try {
            long start = System.nanoTime();
            compose(env, Duration.ofMinutes(5), "up", "-d", "--scale", "processor=2", "kafka1", "kafka2", "kafka3",
                    "generator", "processor");
            awaitHealthy(List.of("kafka1", "kafka2", "kafka3"));
            Map<Integer, String> replicas = awaitReplicasHealthy(2);
            System.out.printf("ComposeStackIT: brokers and %d processor replicas healthy %.1f s after up%n",
                    replicas.size(), (System.nanoTime() - start) / 1e9);
            Map<Integer, String> ports = new HashMap<>();
            replicas.keySet().forEach(i -> ports.put(i, processorPort(env, i)));
            assertThat(new HashSet<>(ports.values())).as("host ports of the replicas %s", ports).hasSize(2);

            try (PipelineRecount recount = new PipelineRecount(bootstrap)) {
                long deadline = System.nanoTime() + RECORDS_WITHIN.toNanos();
                while (!recount.assign()) {
                    assertThat(System.nanoTime()).as("topics created in time").isLessThan(deadline);
                }
                // Both replicas have partitions and parse: a Streams group, not a hot standby.
                while (ports.values().stream().anyMatch(p -> metricOrZero(p, "paypulse_events_parsed_total") < 100)) {
                    if (System.nanoTime() > deadline) {
                        fail("Both replicas should parse events; parsed by replica: " + parsedByReplica(ports));
                    }
                    recount.poll(); // the wait: reads what is there meanwhile
                }
                Map<Integer, String> logs = new HashMap<>();
                replicas.forEach((i, id) -> logs.put(i, containerLogs(id)));
                assertThat(logs.values().stream().map(ComposeStackIT::slot).toList())
                        .as("state slots of the replicas").containsExactlyInAnyOrder(1, 2);
                List<Integer> writers = replicas.keySet().stream()
                        .filter(i -> !logs.get(i).contains("CSV sink 'parsed' is on standby")).toList();
                assertThat(writers).as("replicas writing the enriched CSV (the other waits)").hasSize(1);
                int victim = writers.get(0);
                int survivor = replicas.keySet().stream().filter(i -> i != victim).findFirst().orElseThrow();

                Map<Integer, Double> parsedBeforeKill = parsedByReplica(ports);
                Result kill = run(List.of("docker", "kill", replicas.get(victim)), Map.of(), Duration.ofSeconds(30));
                assertThat(kill.code).as("docker kill: %s", kill.output).isZero();
                long killed = System.nanoTime();
                System.out.printf("ComposeStackIT: killed processor replica %d (parsed by replica before: %s)%n", victim,
                        parsedBeforeKill);
                // The survivor takes the CSVs over at once (the lock died with the victim) and its
                // partitions after the victim's session (10 s); it then parses what the victim left.
                double parsedAtKill = metricOrZero(ports.get(survivor), "paypulse_events_parsed_total");
                while (!containerLogs(replicas.get(survivor)).contains("CSV sink 'parsed' took over")
                        || metricOrZero(ports.get(survivor), "paypulse_events_parsed_total") < parsedAtKill + 2_000) {
                    if (System.nanoTime() - killed > KAFKA2_DOWN_PROGRESS_WITHIN.toNanos()) {
                        fail("Replica " + survivor + " did not take over within " + KAFKA2_DOWN_PROGRESS_WITHIN.toSeconds()
                                + " s of the kill; parsed " + parsedByReplica(ports));
                    }
                    recount.poll();
                }
                System.out.printf("ComposeStackIT: replica %d took over %.1f s after the kill%n", survivor,
                        (System.nanoTime() - killed) / 1e9);

                compose(env, Duration.ofMinutes(1), "stop", "generator");
                GeneratorReport sent = GeneratorReport.parse(logs("generator"));
                windowsHoldExactlyWhatTheGeneratorSent(recount, sent, ports.get(survivor));
                assertThat(recount.finalsSeenTwice).as("final windows (start, group) published twice").isEmpty();
                assertThat(recount.deadLetters).as("dead letters (late or unreadable events)").isEmpty();
                csvsHoldEveryEventOnce(replicas.get(survivor), sent);
                System.out.printf("ComposeStackIT: replicas: all windows final and exact, CSVs exact, %.1f s after up%n",
                        (System.nanoTime() - start) / 1e9);
            }
        } catch (Throwable t) {
            printLogs();
            throw t;
        } finally {
            compose(env, Duration.ofMinutes(2), "down", "-v", "--remove-orphans");
        }
    }

    /** The processor containers by replica number once {@code n} of them are healthy. */
    private static Map<Integer, String> awaitReplicasHealthy(int n) throws InterruptedException {
        long deadline = System.nanoTime() + HEALTHY_WITHIN.toNanos();
        Map<Integer, String> health = new HashMap<>();
        while (System.nanoTime() < deadline) {
            Map<Integer, String> ids = new HashMap<>();
            health.clear();
            for (String id : containerIds("processor")) {
                String[] f = run(List.of("docker", "inspect", "-f",
                        "{{index .Config.Labels \"com.docker.compose.container-number\"}} "
                                + "{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}", id),
                        Map.of(), Duration.ofSeconds(30)).output.strip().split(" ");
                ids.put(Integer.parseInt(f[0]), id);
                health.put(Integer.parseInt(f[0]), f[1]);
            }
            if (health.size() == n && health.values().stream().allMatch("healthy"::equals)) {
                return ids;
            }
            Thread.sleep(1000); // polling docker inspect, as awaitHealthy does
        }
        fail(n + " processor replicas not healthy within " + HEALTHY_WITHIN.toSeconds() + " s: " + health);
        return Map.of();
    }

    private static List<String> containerIds(String service) {
        Result ps = run(List.of("docker", "ps", "-aq", "--filter", "label=com.docker.compose.project=" + project,
                "--filter", "label=com.docker.compose.service=" + service), Map.of(), Duration.ofSeconds(30));
        return ps.output.strip().lines().filter(l -> !l.isBlank()).toList();
    }

    private static String containerLogs(String id) {
        return run(List.of("docker", "logs", id), Map.of(), Duration.ofSeconds(30)).output;
    }

    /** The state slot a replica announced ("Processor replica slot N: ..."), or -1. */
    private static int slot(String log) {
        Matcher m = Pattern.compile("Processor replica slot (\\d+):").matcher(log);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static Map<Integer, Double> parsedByReplica(Map<Integer, String> ports) {
        Map<Integer, Double> parsed = new HashMap<>();
        ports.forEach((i, p) -> parsed.put(i, metricOrZero(p, "paypulse_events_parsed_total")));
        return parsed;
    }

    /** A metric, or 0 while the replica does not answer (starting, or killed). */
    private static double metricOrZero(String port, String name) {
        try {
            return metric(port, name);
        } catch (Exception | AssertionError e) {
            return 0;
        }
    }

    /**
     * The CSV files on the shared volume, read inside the surviving replica: as many enriched rows as
     * the generator sent, and aggregate rows (final windows), each window and group once, summing to
     * its tally. Waits for the sinks to catch up.
     */
    private static void csvsHoldEveryEventOnce(String container, GeneratorReport sent) {
        long deadline = System.nanoTime() + RECORDS_WITHIN.toNanos();
        long enriched;
        while ((enriched = csvRows(container, "enriched_data_").size()) < sent.total() && System.nanoTime() < deadline) {
            // each look is a docker exec (~100 ms): the wait is the look itself
        }
        assertThat(enriched).as("enriched CSV rows vs events sent").isEqualTo(sent.total());
        Map<String, long[]> byGroup = new HashMap<>();
        Set<String> windows = new HashSet<>();
        for (String[] row : csvRows(container, "aggregated_data_")) {
            assertThat(windows.add(row[0] + "|" + row[2] + "|" + row[3])).as("aggregate CSV row %s %s %s once",
                    row[0], row[2], row[3]).isTrue();
            Group g = Group.of(PaymentType.fromLabel(row[2]), Boolean.parseBoolean(row[3]));
            long[] t = byGroup.computeIfAbsent(g.key(), k -> new long[2]);
            t[0] += Long.parseLong(row[4]);
            t[1] += Money.parse(row[5]);
        }
        Map<String, String> csv = new HashMap<>();
        byGroup.forEach((g, t) -> csv.put(g, t[0] + "/" + Money.format(t[1])));
        assertThat(csv).as("aggregate CSV vs the generator's tally").isEqualTo(sent.byGroup());
    }

    /** Data rows (headers skipped) of the CSV files named {@code prefix*} in the shared output directory. */
    private static List<String[]> csvRows(String container, String prefix) {
        Result r = run(List.of("docker", "exec", container, "bash", "-c",
                "for f in /var/lib/paypulse/output/" + prefix + "*.csv; do [ -f \"$f\" ] && tail -n +2 \"$f\"; done; true"),
                Map.of(), Duration.ofSeconds(60));
        assertThat(r.code).as("reading the CSVs in %s: %s", container, r.output).isZero();
        return r.output.lines().filter(l -> !l.isBlank()).map(l -> l.split(",", -1)).toList();
    }

    /** Aggregates counting events, committed, within {@link #PROCESSING_WITHIN} of the processor turning healthy. */
    private static void awaitProcessing(PipelineRecount recount, long processorHealthyNanos) {
        long deadline = System.nanoTime() + RECORDS_WITHIN.toNanos();
        while (!recount.assign()) {
            if (System.nanoTime() > deadline) {
                fail("Topics " + Topics.RAW + ", " + Topics.AGGREGATES + " and " + Topics.ALERTS + " were not created within "
                        + RECORDS_WITHIN.toSeconds() + " s");
            }
        }
        while (recount.firstCountingAggregateNanos == 0) {
            if (System.nanoTime() > deadline) {
                fail("No aggregate counting events within " + RECORDS_WITHIN.toSeconds() + " s; raw events read: "
                        + recount.raw.total());
            }
            recount.poll();
        }
        double seconds = (recount.firstCountingAggregateNanos - processorHealthyNanos) / 1e9;
        System.out.printf("ComposeStackIT: first aggregate counting events %.1f s after the processor turned healthy%n",
                seconds);
        assertThat(seconds).as("seconds from the processor turning healthy to committed aggregates")
                .isLessThanOrEqualTo(PROCESSING_WITHIN.toSeconds());
        assertThat(recount.aggregates)
                .allSatisfy(a -> assertThat(a.end()).isEqualTo(a.start().plus(Duration.ofMinutes(1))));
    }

    /**
     * Waits until the final windows count as many events as the generator sent (and the raw topic has
     * been read to its end), then compares per group: final windows, raw recount and the generator's
     * tally must be equal, counts and cents; and the processor counted no event late.
     */
    private static void windowsHoldExactlyWhatTheGeneratorSent(PipelineRecount recount, GeneratorReport sent,
            String port) throws Exception {
        long deadline = System.nanoTime() + FINAL_WITHIN.toNanos();
        while (recount.finals.total() < sent.total() || !recount.rawReadToEnd()) {
            if (System.nanoTime() > deadline) {
                break; // the assertions below say what is missing
            }
            recount.poll();
        }
        recount.poll(); // anything counted twice would come now
        assertThat(recount.raw.byGroup()).as("raw topic recount vs the generator's tally").isEqualTo(sent.byGroup());
        assertThat(recount.finals.byGroup()).as("final windows vs the generator's tally (after %d s)",
                FINAL_WITHIN.toSeconds()).isEqualTo(sent.byGroup());
        assertThat(metric(port, "paypulse_events_late_total")).as("paypulse_events_late_total").isZero();
        assertThat(metric(port, "paypulse_windows_open")).as("paypulse_windows_open").isZero();
    }

    /** What the generator container printed when stopped: its total and its tally per group. */
    record GeneratorReport(long total, Map<String, String> byGroup) {
        private static final Pattern TOTAL = Pattern.compile("Stopped; sent (\\d+) events\\.");
        private static final Pattern GROUP = Pattern.compile("(\\w+/\\w+)=(\\d+)/(-?\\d+\\.\\d{2})");

        static GeneratorReport parse(String log) {
            Matcher total = TOTAL.matcher(log);
            assertThat(total.find()).as("the generator's last words:%n%s", log).isTrue();
            String tallyLine = log.lines().filter(l -> l.startsWith("Sent by group: ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no tally in the generator's log:\n" + log));
            Map<String, String> byGroup = new HashMap<>();
            Matcher g = GROUP.matcher(tallyLine);
            while (g.find()) {
                byGroup.put(g.group(1), g.group(2) + "/" + g.group(3));
            }
            assertThat(byGroup).as("groups in %s", tallyLine).hasSize(Group.ALL.size());
            long sum = byGroup.values().stream().mapToLong(v -> Long.parseLong(v.substring(0, v.indexOf('/')))).sum();
            assertThat(sum).as("tally per group vs total sent").isEqualTo(Long.parseLong(total.group(1)));
            return new GeneratorReport(sum, byGroup);
        }
    }

    private static double metric(String port, String name) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        return metrics.body().lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static String logs(String service) {
        Result ps = run(List.of("docker", "ps", "-aq", "--filter", "label=com.docker.compose.project=" + project,
                "--filter", "label=com.docker.compose.service=" + service), Map.of(), Duration.ofSeconds(30));
        String id = ps.output.strip().lines().findFirst().orElseThrow();
        return run(List.of("docker", "logs", id), Map.of(), Duration.ofSeconds(30)).output;
    }

    /** Local images (built or loaded from cache), a pipeline image of this checkout, free host ports. */
    private static Map<String, String> stackEnvironment() throws IOException {
        Result images = run(List.of("bash", "packaging/local-images/build.sh"), Map.of(), Duration.ofMinutes(15));
        System.out.println(images.output);
        assertThat(images.code).as("packaging/local-images/build.sh failed:%n%s", images.output).isZero();
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(root.resolve(".env.local"))) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        // One tag per checkout, like the project name: runs from other worktrees must not swap the image.
        String pipelineImage = "paypulse/pipeline:" + project;
        env.put("PAYPULSE_IMAGE", pipelineImage);
        Result image = run(List.of("bash", "packaging/docker/stack.sh", "image"), env, Duration.ofMinutes(5));
        assertThat(image.code).as("building %s failed:%n%s", pipelineImage, image.output).isZero();
        System.out.println(image.output);

        env.put("COMPOSE_PROFILES", "");
        env.put("KAFKA1_PORT", freePort());
        env.put("KAFKA2_PORT", freePort());
        env.put("KAFKA3_PORT", freePort());
        env.put("PROCESSOR_HTTP_PORTS", freePortRange(3));
        // Three brokers, generator and processor share 2 cores in CI: small heaps, cheap JIT.
        env.put("KAFKA_HEAP_OPTS", "-Xmx256m -Xms64m");
        env.put("KAFKA_JVM_PERFORMANCE_OPTS", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true");
        env.put("PAYPULSE_PROCESSOR_JAVA_OPTS", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        env.put("PAYPULSE_GENERATOR_JAVA_OPTS", "-Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        env.put("PAYPULSE_GENERATOR_RATE", "200");
        return env;
    }

    /** Waits until brokers and processor are healthy; returns System.nanoTime() when the processor was first seen healthy. */
    private static long awaitHealthy() throws InterruptedException {
        return awaitHealthy(HEALTH_CHECKED).getOrDefault("processor", System.nanoTime());
    }

    /** Polls every second; returns when each service was first seen healthy (System.nanoTime()). */
    private static Map<String, Long> awaitHealthy(List<String> services) throws InterruptedException {
        long deadline = System.nanoTime() + HEALTHY_WITHIN.toNanos();
        Map<String, String> health = new HashMap<>();
        Map<String, Long> healthySince = new HashMap<>();
        while (System.nanoTime() < deadline) {
            for (String service : services) {
                String h = inspect(service, "{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}");
                health.put(service, h);
                if (h.equals("healthy")) {
                    healthySince.putIfAbsent(service, System.nanoTime());
                }
            }
            if (health.values().stream().allMatch("healthy"::equals)) {
                return healthySince;
            }
            Thread.sleep(1000); // polling docker inspect; health changes come as no signal we can wait on here
        }
        fail("Not healthy within " + HEALTHY_WITHIN.toSeconds() + " s: " + health);
        return healthySince;
    }

    /**
     * Stops kafka2 (compose stop: {@code restart: unless-stopped} does not bring it back) and expects
     * the generator and the processor to keep going on kafka1 and kafka3 (RF 3, min ISR 2, a 2 of 3
     * controller quorum): new committed records on {@code payment} and new aggregates on
     * {@code payment-agg-1m}, read from the host through the two remaining brokers, twice in a row
     * (so it is progress, not the tail of transactions open at the stop), while the processor stays
     * healthy. Then starts kafka2 again and waits until it is healthy.
     */
    private static void keepsGoingWhileKafka2IsDown(Map<String, String> env) throws Exception {
        long stop = System.nanoTime();
        compose(env, Duration.ofMinutes(2), "stop", "kafka2");
        assertThat(state("kafka2")).as("kafka2 after compose stop").isEqualTo("exited");
        System.out.printf("ComposeStackIT: kafka2 stopped in %.1f s%n", (System.nanoTime() - stop) / 1e9);

        String remaining = "localhost:" + env.get("KAFKA1_PORT") + ",localhost:" + env.get("KAFKA3_PORT");
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, remaining);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        long deadline = System.nanoTime() + KAFKA2_DOWN_PROGRESS_WITHIN.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.RAW, Topics.AGGREGATES)) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(tp -> consumer.position(tp, Duration.ofSeconds(60))); // the ends now, not at the first poll
            for (int round = 1; round <= 2; round++) {
                Map<String, Integer> fresh = new HashMap<>(Map.of(Topics.RAW, 0, Topics.AGGREGATES, 0));
                long counting = 0;
                while (fresh.get(Topics.RAW) == 0 || counting == 0) {
                    if (System.nanoTime() > deadline) {
                        fail("With kafka2 down, expected new records on " + Topics.RAW + " and new aggregates counting"
                                + " events on " + Topics.AGGREGATES + " (round " + round + " of 2) within "
                                + KAFKA2_DOWN_PROGRESS_WITHIN.toSeconds() + " s of the stop; got " + fresh
                                + "; processor health: " + inspect("processor", "{{.State.Health.Status}}"));
                    }
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                        fresh.merge(r.topic(), 1, Integer::sum);
                        if (r.topic().equals(Topics.AGGREGATES)
                                && Topics.AGGREGATE_VALUE.deserializer().deserialize(r.topic(), r.value()).eventCount() > 0) {
                            counting++;
                        }
                    }
                }
                System.out.printf("ComposeStackIT: kafka2 down, round %d: new records %s %.1f s after the stop%n",
                        round, fresh, (System.nanoTime() - stop) / 1e9);
            }
        }
        assertThat(state("kafka2")).as("kafka2 while the pipeline went on").isEqualTo("exited");
        assertThat(inspect("processor", "{{.State.Status}} {{.State.Health.Status}} restarts={{.RestartCount}}"))
                .as("processor while kafka2 is down").isEqualTo("running healthy restarts=0");
        assertThat(state("generator")).as("generator while kafka2 is down").isEqualTo("running");
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + processorPort(env, 1) + "/health"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as("processor /health with kafka2 down: %s", health.body()).isEqualTo(200);

        long start = System.nanoTime();
        compose(env, Duration.ofMinutes(2), "start", "kafka2");
        awaitHealthy(List.of("kafka2"));
        System.out.printf("ComposeStackIT: kafka2 healthy again %.1f s after start%n", (System.nanoTime() - start) / 1e9);
    }

    /** The processor's Prometheus endpoint, as published on the host, counts the events it parsed. */
    private static void assertMetricsCountParsedEvents(String port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        double parsed = metrics.body().lines().filter(l -> l.startsWith("paypulse_events_parsed_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        assertThat(parsed).as("paypulse_events_parsed_total").isPositive();
    }

    private static void assertReplicatedThreeTimes(String bootstrap) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(Topics.RAW, Topics.AGGREGATES))
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics.get(Topics.RAW).partitions()).hasSize(6);
            topics.values().forEach(t -> t.partitions().forEach(p ->
                    assertThat(p.replicas()).as("replicas of %s-%d", t.name(), p.partition()).hasSize(3)));
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(3);
        }
    }

    private static String state(String service) {
        return inspect(service, "{{.State.Status}}");
    }

    private static String inspect(String service, String format) {
        Result ids = run(List.of("docker", "ps", "-aq", "--filter", "label=com.docker.compose.project=" + project,
                "--filter", "label=com.docker.compose.service=" + service), Map.of(), Duration.ofSeconds(30));
        String id = ids.output.strip();
        if (ids.code != 0 || id.isEmpty()) {
            return "missing";
        }
        return run(List.of("docker", "inspect", "-f", format, id.lines().findFirst().orElseThrow()), Map.of(),
                Duration.ofSeconds(30)).output.strip();
    }

    private static void printLogs() {
        for (String service : List.of("kafka1", "kafka2", "kafka3", "generator", "processor")) {
            Result ps = run(List.of("docker", "ps", "-aq", "--filter", "label=com.docker.compose.project=" + project,
                    "--filter", "label=com.docker.compose.service=" + service), Map.of(), Duration.ofSeconds(30));
            for (String id : ps.output.strip().lines().toList()) {
                Result logs = run(List.of("docker", "logs", "--tail", "40", id), Map.of(), Duration.ofSeconds(30));
                System.out.println("---- " + service + " (" + inspect(service, "{{.State.Status}} {{json .State.Health}}")
                        + ")\n" + logs.output);
            }
        }
    }

    private static List<String> composeCommand(String... args) {
        List<String> command = new ArrayList<>(compose);
        command.addAll(List.of("-p", project, "-f", "docker-compose.yml"));
        command.addAll(List.of(args));
        return command;
    }

    private static void compose(Map<String, String> env, Duration timeout, String... args) {
        List<String> command = composeCommand(args);
        Result r = run(command, env, timeout);
        assertThat(r.code).as("%s failed:%n%s", String.join(" ", command), r.output).isZero();
    }

    private record Result(int code, String output) {
        String lastLines(int n) {
            List<String> lines = output.strip().lines().toList();
            return String.join(" / ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        }
    }

    /** Runs a command in the repository root; output is stdout and stderr together. */
    private static Result run(List<String> command, Map<String, String> env, Duration timeout) {
        try {
            Path log = Files.createTempFile("compose-stack-it", ".log");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile());
                pb.environment().putAll(env);
                Process p = pb.start();
                if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                    return new Result(-1, "timed out after " + timeout.toSeconds() + " s: " + String.join(" ", command)
                            + "\n" + Files.readString(log, StandardCharsets.UTF_8));
                }
                return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            return new Result(-1, command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String freePort() {
        return Integer.toString(PortProbe.freePort("127.0.0.1"));
    }

    /** "from-to": {@code n} consecutive ports free now on 127.0.0.1, for PROCESSOR_HTTP_PORTS. */
    private static String freePortRange(int n) {
        Random random = new Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            int from = 20_000 + random.nextInt(30_000);
            boolean free = true;
            for (int p = from; p < from + n && free; p++) {
                try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
                    s.setReuseAddress(true);
                } catch (IOException taken) {
                    free = false;
                }
            }
            if (free) {
                return from + "-" + (from + n - 1);
            }
        }
        throw new IllegalStateException("no " + n + " consecutive free ports found");
    }

    /**
     * The host port of processor replica {@code index} (1-based), the way the README says to find it:
     * {@code docker-compose port --index=N processor 8080}.
     */
    static String processorPort(Map<String, String> env, int index) {
        Result r = run(composeCommand("port", "--index=" + index, "processor", "8080"), env, Duration.ofSeconds(30));
        assertThat(r.code).as("port --index=%d processor 8080:%n%s", index, r.output).isZero();
        String address = r.output.strip().lines().reduce((a, b) -> b).orElse("");
        return address.substring(address.lastIndexOf(':') + 1);
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isDirectory(dir.resolve("pipeline-core"))) {
                return dir;
            }
        }
        throw new IllegalStateException("docker-compose.yml not found above " + Path.of("").toAbsolutePath());
    }
}
