package io.paypulse.app.session;

import io.paypulse.config.Scenario;

/** The generator of a running session; every method returns at once and may be called from any thread. */
public interface GeneratorControl {

    void setRate(double eventsPerSecond);

    double rate();

    void switchTo(Scenario scenario);

    Scenario scenario();

    long sent();
}
