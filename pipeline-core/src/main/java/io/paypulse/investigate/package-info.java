/**
 * Investigation: from a window (an alert's, a chart point's) back to the raw events behind it.
 * {@link io.paypulse.investigate.EventsQuery} reads the raw topic by timestamp
 * ({@code offsetsForTimes}) and parses each value exactly as the parsed CSV sink does
 * ({@link io.paypulse.sink.ParsedRows}); {@link io.paypulse.investigate.EventFilter} says which
 * events to keep; {@link io.paypulse.investigate.Masker} hides user ids and IP addresses;
 * {@link io.paypulse.investigate.EventsOutput} prints CSV (the parsed CSV's own rows) or JSON lines.
 * Used by {@code paypulse events} and the app's Events view. No JavaFX. See docs/events.md.
 */
package io.paypulse.investigate;
