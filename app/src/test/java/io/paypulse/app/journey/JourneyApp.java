package io.paypulse.app.journey;

import io.paypulse.app.AppOptions;
import io.paypulse.app.PayPulseApp;
import io.paypulse.config.ConfigKeys;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The real app for a journey that starts no pipeline: config home and data folder below {@code dir}. */
final class JourneyApp {

    private JourneyApp() {
    }

    /** Starts the app on the registered primary stage with {@code settings} as its app.json; FX events drained. */
    static PayPulseApp launch(Path dir, Path settings) throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        AppOptions options = new AppOptions(settings, Map.of(ConfigKeys.DATA_DIR, dir.resolve("data").toString()),
                false, env);
        PayPulseApp app = (PayPulseApp) FxToolkit.setupApplication(() -> new PayPulseApp(options));
        WaitForAsyncUtils.waitForFxEvents();
        return app;
    }

    /** {@code c} run on the FX thread, its result (10 s at most). */
    static <T> T onFx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
