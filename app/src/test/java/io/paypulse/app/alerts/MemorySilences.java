package io.paypulse.app.alerts;

import io.paypulse.notify.Silence;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Silences kept in memory, for view-model tests (the cluster-backed store has its own journey). */
final class MemorySilences implements SilenceStore {

    private final Map<String, Silence> byId = new ConcurrentHashMap<>();
    private final Clock clock;

    MemorySilences(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<Silence> active(Instant now) {
        return byId.values().stream().filter(s -> s.activeAt(now)).sorted(Comparator.comparing(Silence::endsAt))
                .toList();
    }

    @Override
    public Silence add(Silence silence) {
        byId.put(silence.id(), silence);
        return silence;
    }

    @Override
    public void expire(String id) {
        Silence s = byId.get(id);
        Instant now = clock.instant();
        if (s != null && now.isAfter(s.startsAt())) {
            byId.put(id, new Silence(s.id(), s.rule(), s.group(), s.startsAt(), now, s.comment(), s.createdBy()));
        } else {
            byId.remove(id); // ended the instant it started
        }
    }
}
