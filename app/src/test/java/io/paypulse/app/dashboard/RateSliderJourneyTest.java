package io.paypulse.app.dashboard;

import static io.paypulse.app.testing.RunningApp.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.paypulse.app.testing.RunningApp;
import io.paypulse.config.GeneratorSettings;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The generator's rate on a real (headless) window: the log-scale slider spans the same range as the
 * spinner beside it ({@link GeneratorSettings#RATE}), so a rate typed into the spinner moves the slider
 * to it, up to the highest rate and back. No pipeline starts.
 */
class RateSliderJourneyTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final RunningApp running = new RunningApp();

    private final FxRobot robot = running.robot();

    @Test
    void theSliderFollowsARateTypedIntoTheSpinnerUpToTheHighestRateAndBack() throws Exception {
        running.in(dir).settings("{\"rate\": 100, \"width\": 1280, \"height\": 800}").launch();
        Slider slider = (Slider) running.inMainWindow("#rateSlider");
        assertThat(onFx(slider::getMax)).as("the slider's top is the spinner's top")
                .isCloseTo(Math.log10(GeneratorSettings.RATE.max()), within(1e-9));

        type("2000000");
        await("the slider at 2,000,000 events/s").atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(onFx(slider::getValue)).isCloseTo(Math.log10(2_000_000), within(1e-9)));

        type("10000000");
        await("the slider at its end").atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(onFx(slider::getValue)).isCloseTo(onFx(slider::getMax), within(1e-9)));

        type("50");
        await("the slider back at 50 events/s").atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(onFx(slider::getValue)).isCloseTo(Math.log10(50), within(1e-9)));
        assertThat(onFx(() -> rateSpinner().getValue())).isEqualTo(50.0);
    }

    /** Replaces the spinner's text and presses Enter, as a user does. */
    private void type(String rate) {
        robot.clickOn(onFx(() -> rateSpinner().getEditor()));
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write(rate).type(KeyCode.ENTER);
        assertThat(onFx(() -> rateSpinner().getValue())).as("the spinner took " + rate)
                .isEqualTo(Double.parseDouble(rate));
    }

    @SuppressWarnings("unchecked")
    private Spinner<Double> rateSpinner() {
        return (Spinner<Double>) running.inMainWindow("#rateSpinner");
    }
}
