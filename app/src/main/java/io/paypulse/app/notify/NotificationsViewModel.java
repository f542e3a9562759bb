package io.paypulse.app.notify;

import io.paypulse.notify.ContactPoint;
import io.paypulse.notify.Message;
import io.paypulse.notify.Notifications;
import io.paypulse.notify.SendResult;
import io.paypulse.notify.Sender;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State and commands of the Notifications window: the contact points of the active rules file with
 * their last delivery and last error, and "Send test". Loading the file and sending run on the
 * {@code background} executor; bound state changes only on {@code fx}. No Node here.
 */
public final class NotificationsViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationsViewModel.class);
    /** Where the format is documented, shown in the window. */
    public static final String FORMAT_HINT = "Contact points and routes are set in the rules file's "
            + "'notifications:' section; the README's \"Notifications\" section documents the format.";

    private final Supplier<Notifications> source;
    private final Function<ContactPoint, Sender> senders;
    private final Function<String, ReceiptStatus> receipts;
    private final Supplier<String> desktopNote;
    private final Executor background;
    private final Executor fx;
    private final Clock clock;
    private final ObservableList<ContactPointRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper testResult = new ReadOnlyStringWrapper(this, "testResult", "");
    private final ReadOnlyBooleanWrapper sending = new ReadOnlyBooleanWrapper(this, "sending");
    private final ReadOnlyBooleanWrapper defaultOnly = new ReadOnlyBooleanWrapper(this, "defaultOnly");
    /** Send-test outcomes, so the row shows a test's delivery or error until a receipt is newer. */
    private final Map<String, ReceiptStatus> tests = new ConcurrentHashMap<>();
    private volatile Notifications notifications = Notifications.none();

    /**
     * @param source       the active rules file's notifications; may throw with one sentence (shown)
     * @param senders      the sender of a contact point for Send test (HTTP, or the desktop one)
     * @param receipts     last delivery / last error per contact point name, from the receipts
     * @param desktopNote  "" or why desktop notifications cannot be shown here
     */
    public NotificationsViewModel(Supplier<Notifications> source, Function<ContactPoint, Sender> senders,
                                  Function<String, ReceiptStatus> receipts, Supplier<String> desktopNote,
                                  Executor background, Executor fx, Clock clock) {
        this.source = source;
        this.senders = senders;
        this.receipts = receipts;
        this.desktopNote = desktopNote;
        this.background = background;
        this.fx = fx;
        this.clock = clock;
    }

    public ObservableList<ContactPointRow> rows() {
        return FXCollections.unmodifiableObservableList(rows);
    }

    /** The rules file's mistake in one sentence, or "". */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** "Test delivered to on-call at 10:42:03", or why not; "" before any test. */
    public ReadOnlyStringProperty testResultProperty() {
        return testResult.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty sendingProperty() {
        return sending.getReadOnlyProperty();
    }

    /** True when the rules file names no contact point: only the built-in desktop one is in force. */
    public ReadOnlyBooleanProperty defaultOnlyProperty() {
        return defaultOnly.getReadOnlyProperty();
    }

    /** Reads the rules file again (in the background), then shows its contact points. */
    public void reload() {
        background.execute(() -> {
            Notifications n;
            String error = "";
            try {
                n = source.get();
            } catch (RuntimeException e) {
                n = Notifications.none();
                error = e.getMessage() == null ? e.toString() : e.getMessage();
            }
            Notifications loaded = n;
            String sentence = error;
            fx.execute(() -> {
                notifications = loaded;
                problem.set(sentence);
                defaultOnly.set(sentence.isEmpty() && isDefault(loaded));
                refresh();
            });
        });
    }

    private static boolean isDefault(Notifications n) {
        return n.contactPoints().size() == 1 && n.contactPoints().get(0).kind() == ContactPoint.Kind.DESKTOP
                && n.contactPoints().get(0).name().equals("desktop");
    }

    /** Recomputes the delivery columns from the receipts; cheap, call it on the FX thread each second. */
    public void refresh() {
        List<ContactPointRow> now = notifications.contactPoints().stream()
                .map(cp -> ContactPointText.row(cp, notifications, status(cp.name()),
                        cp.kind() == ContactPoint.Kind.DESKTOP ? desktopNote.get() : "", clock))
                .toList();
        if (!now.equals(rows)) {
            rows.setAll(now);
        }
    }

    private ReceiptStatus status(String name) {
        ReceiptStatus r = receipts.apply(name);
        ReceiptStatus t = tests.get(name);
        if (t == null) {
            return r;
        }
        ReceiptStatus s = r;
        if (t.lastDelivery() != null) {
            s = s.delivered(t.lastDelivery());
        }
        if (t.lastErrorAt() != null) {
            s = s.failed(t.lastErrorAt(), t.lastError());
        }
        return s;
    }

    /** Sends the test message to the named contact point (one attempt, in the background). */
    public void sendTest(String name) {
        ContactPoint cp = notifications.contactPoint(name).orElse(null);
        if (cp == null || sending.get()) {
            return;
        }
        sending.set(true);
        testResult.set("Sending a test to " + name + "…");
        background.execute(() -> {
            SendResult result;
            try {
                result = senders.apply(cp).send(Message.test(cp));
            } catch (RuntimeException e) {
                LOG.warn("Send test to {} failed", cp, e);
                result = SendResult.rejected(0, e.getMessage() == null ? e.toString() : e.getMessage());
            }
            Instant at = clock.instant();
            SendResult r = result;
            String sentence = r.isDelivered()
                    ? "Test delivered to " + name + " at " + ContactPointText.time(at, clock) + "."
                    : "Test to " + name + " not delivered: " + sentenceOf(r.detail());
            tests.merge(name, r.isDelivered() ? ReceiptStatus.NONE.delivered(at)
                    : ReceiptStatus.NONE.failed(at, r.detail()), (old, now) -> r.isDelivered()
                    ? old.delivered(at) : old.failed(at, r.detail()));
            LOG.info("{}", sentence);
            fx.execute(() -> {
                sending.set(false);
                testResult.set(sentence);
                refresh();
            });
        });
    }

    private static String sentenceOf(String detail) {
        String d = detail == null || detail.isBlank() ? "no reason given" : detail.strip();
        return d.endsWith(".") ? d : d + ".";
    }
}
