package io.paypulse.app;

import io.paypulse.app.alerts.AlertsViewModel;
import io.paypulse.app.dashboard.DashboardViewModel;
import io.paypulse.app.feed.FeedSnapshot;
import io.paypulse.app.fx.FxThread;
import io.paypulse.app.fx.Ticker;
import io.paypulse.app.lag.LagFrame;
import io.paypulse.app.lag.LagViewModel;
import io.paypulse.app.session.Session;
import io.paypulse.app.stack.StackViewModel;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * The window's tick loops, all on the one {@code ui-tick} thread; each takes its snapshot there and renders
 * it in one FX task: the live feed every 250 ms (dashboard, alerts, the feed banner), the lag history every
 * second, the Stack tab's log lines and uptimes every 500 ms.
 */
final class LiveTicks {

    static final Duration TICK = Duration.ofMillis(250);

    private final ScheduledExecutorService tickThread;
    private final LagViewModel lag;
    private final Ticker<FeedSnapshot> feed;
    private final Ticker<LagFrame> lagTicker;
    private final Ticker<String> stackTicker;

    /** Starts the three loops; {@code feedRender} runs the feed's render task (the FX thread, timed by the UI bench). */
    LiveTicks(ScheduledExecutorService tickThread, Executor feedRender, Supplier<Session> current,
              DashboardViewModel dashboard, AlertsViewModel alerts, MainController main, LagViewModel lag,
              StackViewModel stackView) {
        this.tickThread = tickThread;
        this.lag = lag;
        feed = new Ticker<>(tickThread, feedRender, TICK, () -> {
            Session s = current.get();
            return s == null ? null : s.data().snapshot();
        }, snap -> {
            if (snap != null) {
                dashboard.render(snap);
                alerts.render(snap.alerts());
                main.feedStatus(snap.feedError());
            }
        });

        // Lag history: sampled, stored and cut to the chosen range on the tick thread; shown on the FX thread.
        lagTicker = new Ticker<>(tickThread, FxThread.INSTANCE, Duration.ofSeconds(1), () -> {
            Session s = current.get();
            return lag.prepare(s == null ? null : s.data().snapshot().probe().lag());
        }, lag::show);

        // Container log lines and uptimes: snapshot on the tick thread, one render on the FX thread.
        stackTicker = new Ticker<>(tickThread, FxThread.INSTANCE, Duration.ofMillis(500), stackView::logSnapshot,
                stackView::render);
    }

    void closeFeed() {
        feed.close();
    }

    /** Stops lag sampling; the history file is closed on the tick thread, after any update in progress. */
    void closeLag() {
        lagTicker.close();
        tickThread.execute(lag::close);
    }

    void closeStackLogs() {
        stackTicker.close();
    }
}
