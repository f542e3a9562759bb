/**
 * Alerts that reach people (issue 12): contact points (desktop, webhook, Slack, Teams), routing by
 * rule and severity, inhibition, silences, rate limits and delivery receipts. The processor writes
 * alerts to {@code payment-alerts}; a notifier per contact point reads that topic with its own
 * consumer group (so delivery is tracked by the topic's offsets and survives restarts), and never
 * runs on the stream thread or the FX thread.
 */
package io.paypulse.notify;
