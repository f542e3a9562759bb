package io.paypulse.app.events;

import io.paypulse.app.fx.FxThread;
import io.paypulse.app.fx.Ticker;
import io.paypulse.cluster.ClusterClients;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.schema.RawEventReader;
import io.paypulse.investigate.EventsException;
import io.paypulse.investigate.EventsQuery;
import io.paypulse.schema.SchemaRegistryClient;
import io.paypulse.sink.ParsedRows;
import io.paypulse.threads.Workers;
import io.paypulse.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Opens Events windows: one non-modal window per request, so an operator can keep the failed payments of
 * 10:41 open beside those of 10:42. Each window reads on a thread of its own ({@code events-query}),
 * renders on a 250 ms tick ({@code events-tick}, shared) and stops its query when closed.
 *
 * <p>Entry points: the Alerts tab (double-click, "Show events"), and {@link #open} for anyone else, e.g. a
 * chart point: {@code events.open(EventsRequest.forMinute(EventsRequest.PAYMENTS_FAILED, minuteStart))}.
 * The cluster is the session's ({@code Session.config()}): bootstrap servers, client properties, Schema
 * Registry. FX thread for {@link #open}.
 */
public final class EventsWindows implements AutoCloseable {

    static final Duration TICK = Duration.ofMillis(250);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final Supplier<Optional<PayPulseConfig>> config;
    private final Supplier<Window> owner;
    private final Supplier<List<String>> stylesheets;
    private final String topic;
    private final ZoneId zone;
    private final Workers workers;
    private final ScheduledExecutorService tick;
    private final ExecutorService export;
    private final List<Stage> open = new ArrayList<>();

    /**
     * @param config      the connected session's configuration, empty when not connected
     * @param owner       the main window (Events windows stay above it), or null
     * @param stylesheets the main scene's stylesheets, so the windows look alike
     */
    public EventsWindows(Supplier<Optional<PayPulseConfig>> config, Supplier<Window> owner,
            Supplier<List<String>> stylesheets, Workers workers) {
        this(config, owner, stylesheets, Topics.RAW, ZoneId.systemDefault(), workers);
    }

    /** For tests: another raw topic, a fixed zone. */
    public EventsWindows(Supplier<Optional<PayPulseConfig>> config, Supplier<Window> owner,
            Supplier<List<String>> stylesheets, String topic, ZoneId zone, Workers workers) {
        this.workers = workers;
        this.tick = workers.scheduled("events-tick");
        this.export = workers.single("events-export");
        this.config = config;
        this.owner = owner;
        this.stylesheets = stylesheets;
        this.topic = topic;
        this.zone = zone;
    }

    /** Opens a window for {@code request} and starts reading. FX thread. */
    public Stage open(EventsRequest request) {
        ExecutorService reader = workers.single("events-query");
        EventsViewModel vm = new EventsViewModel(request, this::query, reader, export, FxThread.INSTANCE, zone);
        EventsController controller = new EventsController(vm);
        FXMLLoader loader = new FXMLLoader(EventsController.class.getResource("events.fxml"));
        loader.setControllerFactory(type -> controller);
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Stage stage = new Stage();
        Window o = owner.get();
        if (o != null) {
            stage.initOwner(o);
        }
        stage.titleProperty().bind(vm.titleProperty().map(t -> "PayPulse — " + t));
        Scene scene = new Scene(root);
        scene.getStylesheets().addAll(stylesheets.get());
        stage.setScene(scene);
        Ticker<EventsViewModel.Drained> ticker = new Ticker<>(tick, FxThread.INSTANCE, TICK, vm::drain, vm::render);
        stage.setOnHidden(e -> {
            ticker.close();
            vm.close();
            reader.shutdown();
            open.remove(stage);
        });
        open.add(stage);
        stage.show();
        vm.search();
        return stage;
    }

    /** A query of the session's cluster; off the FX thread. */
    private EventsQuery query() {
        PayPulseConfig c = config.get().orElseThrow(() -> new EventsException(
                "Not connected to a pipeline: press Start, then open the events again.", null));
        RawEventReader reader = c.hasSchemaRegistry()
                ? RawEventReader.withRegistry(new SchemaRegistryClient(c.schemaRegistryUrl()),
                        RawEventReader.DEFAULT_REGISTRY_WAIT)
                : RawEventReader.local();
        return new EventsQuery(ClusterClients.base(c, "paypulse-app-events"), topic,
                new ParsedRows(reader, Clock.systemUTC()), EventsQuery.DEFAULT_LATENESS, TIMEOUT);
    }

    /** Closes every Events window (their queries stop) and the shared threads. FX thread. */
    @Override
    public void close() {
        for (Stage s : List.copyOf(open)) {
            s.close();
        }
        tick.shutdownNow();
        export.shutdown();
    }
}
