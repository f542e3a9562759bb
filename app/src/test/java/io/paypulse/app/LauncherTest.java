package io.paypulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LauncherTest {

    @Test
    void noDisplayAndMissingGtkAreOneSentenceEach() {
        // The messages JavaFX 21 gives (seen with DISPLAY unset, and with libgtk-3.so.0 unloadable).
        assertThat(Launcher.noWindowSentence(new UnsupportedOperationException("Unable to open DISPLAY")))
                .startsWith("PayPulse cannot open a window: no display").doesNotContain("\n");
        assertThat(Launcher.noWindowSentence(new UnsupportedOperationException("Unable to load glass GTK library.")))
                .contains("apt-get install libgtk-3-0").doesNotContain("\n");
    }

    @Test
    void otherFailuresAreNotRewritten() {
        assertThat(Launcher.noWindowSentence(new IllegalStateException("boom"))).isNull();
        assertThat(Launcher.noWindowSentence(new IllegalStateException())).isNull();
    }
}
