package io.paypulse.process.alert;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the {@link AlertEngine} remembers between calls, as an immutable value the processor can
 * store (e.g. in a key-value store) as JSON with {@code io.paypulse.json.Mappers#json()} and hand to a
 * new engine after a restart. Small by construction: an anomaly history holds at most the rule's
 * {@code windows} values, a velocity rule at most {@link AlertEngine#MAX_USER_ALERTS} users, every
 * other rule at most one episode.
 *
 * @param lastWindowEnd end of the last final window seen; earlier windows are ignored as replays
 * @param rules         per rule name
 */
public record AlertEngineState(Instant lastWindowEnd, Map<String, RuleState> rules) {

    public AlertEngineState {
        rules = sortedCopy(rules);
    }

    public static AlertEngineState empty() {
        return new AlertEngineState(null, Map.of());
    }

    /**
     * @param history          anomaly rules: the last values (counts, or sums in cents), oldest first
     * @param episodes         pending or firing episodes by alert group (selector key, user id, "all")
     * @param lastEpisodeStart no-data rules: the wall-clock minute of the last episode, so that a new
     *                         episode in the same minute still gets a new id
     */
    public record RuleState(List<Long> history, Map<String, Episode> episodes, Instant lastEpisodeStart) {

        public RuleState {
            history = history == null ? List.of() : List.copyOf(history);
            episodes = sortedCopy(episodes);
        }
    }

    /**
     * One run of a rule's condition for one group, pending (condition met fewer than {@code for}
     * windows, nothing published) or firing.
     *
     * @param start       start of the window (or wall-clock minute) in which the episode began; part of the alert id
     * @param firstSeen   end of that window (no-data: the tick that fired)
     * @param lastSeen    end of the latest window (no-data: the latest tick) that updated it
     * @param occurrences windows (no-data: wall-clock minutes) the episode has lasted
     */
    public record Episode(Instant start, Instant firstSeen, Instant lastSeen, int occurrences, boolean firing) {

        public Episode {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(firstSeen, "firstSeen");
            Objects.requireNonNull(lastSeen, "lastSeen");
        }
    }

    private static <V> Map<String, V> sortedCopy(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
