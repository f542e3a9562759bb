/**
 * The alert rule model, shared by the command line, the pipeline and the app: the rules
 * ({@link io.paypulse.alert.AlertRule} and its four kinds, each with a
 * {@link io.paypulse.alert.Selector}), the final window they are judged on
 * ({@link io.paypulse.alert.WindowSummary}), and the strict YAML reader
 * {@link io.paypulse.alert.RulesFile} whose mistakes are {@link io.paypulse.alert.RulesException}
 * sentences. The engine that evaluates rules lives in {@code io.paypulse.process.alert}.
 */
package io.paypulse.alert;
