/**
 * The alert engine: rules ({@link io.paypulse.alert.AlertRule} and its four kinds), read
 * strictly from YAML by {@link io.paypulse.alert.RulesFile}, evaluated by
 * {@link io.paypulse.process.alert.AlertEngine} on final 1-minute windows
 * ({@link io.paypulse.alert.WindowSummary}) and wall-clock ticks.
 *
 * <p>Pure logic: no Kafka, no threads, no clock. The Kafka Streams processor owns the engine, calls
 * it from its task thread when a window becomes final and from a wall-clock punctuator, publishes
 * the returned {@link io.paypulse.event.Alert} buckets (keyed by id) and stores
 * {@link io.paypulse.process.alert.AlertEngine#state()} so a restart continues where it stopped.
 * Decisions: {@code docs/decisions/alert-engine.md}.
 */
package io.paypulse.process.alert;
