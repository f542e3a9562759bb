package io.paypulse.process;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A changelogged key-value store whose owner keeps its latest values in memory and writes only the
 * changed ones, once, just before each commit (docs/decisions/0015): instead of a store write per
 * event, one per changed key per commit.
 *
 * <p>The hook is Kafka Streams' internal {@code CachedStateStore.flushCache()} (which
 * {@link WrappedStateStore} implements): {@code StreamTask.prepareCommit} calls it on every
 * registered store BEFORE the offsets and the transaction are committed, so what {@link #beforeCommit}
 * writes lands in the same transaction as the offsets it covers. {@code flush()}/{@code commit()}
 * come AFTER the commit: writing there put the counts into the next transaction and lost events in
 * ChaosIT. {@code PreCommitStoreTest} fails if the hook stops being called before a commit.
 *
 * <p>Reads, and writes done directly, go straight to the wrapped store.
 */
final class PreCommitStore extends WrappedStateStore<KeyValueStore<Bytes, byte[]>, Bytes, byte[]>
        implements KeyValueStore<Bytes, byte[]> {

    private Runnable beforeCommit = () -> { };

    private PreCommitStore(KeyValueStore<Bytes, byte[]> wrapped) {
        super(wrapped);
    }

    /** The store as its processor sees it ({@code context.getStateStore}), or an error naming why not. */
    static PreCommitStore of(StateStore store) {
        // Streams hands processors a read-write decorator around the registered store; findInner
        // searches the layers below the one it is called on.
        PreCommitStore found = store instanceof PreCommitStore p ? p
                : store instanceof WrappedStateStore<?, ?, ?> w ? w.findInner(PreCommitStore.class) : null;
        if (found == null) {
            throw new IllegalStateException("state store " + store.name() + " is not built by PreCommitStore.builder:"
                    + " its counts would never be written");
        }
        return found;
    }

    /** Wraps what {@code inner} builds (logging and caching as {@code inner} says). */
    static StoreBuilder<KeyValueStore<Bytes, byte[]>> builder(StoreBuilder<KeyValueStore<Bytes, byte[]>> inner) {
        return new Builder(inner);
    }

    /** Sets what writes the owner's changes into this store; runs on the stream thread before each commit. */
    void beforeCommit(Runnable writeChanges) {
        this.beforeCommit = writeChanges;
    }

    @Override
    public void flushCache() {
        beforeCommit.run();
        super.flushCache(); // then the cache below (if any) sends them to the changelog, still before the commit
    }

    @Override
    public void put(Bytes key, byte[] value) {
        wrapped().put(key, value);
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        return wrapped().putIfAbsent(key, value);
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        wrapped().putAll(entries);
    }

    @Override
    public byte[] delete(Bytes key) {
        return wrapped().delete(key);
    }

    @Override
    public byte[] get(Bytes key) {
        return wrapped().get(key);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return wrapped().range(from, to);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return wrapped().all();
    }

    @Override
    public long approximateNumEntries() {
        return wrapped().approximateNumEntries();
    }

    private record Builder(StoreBuilder<KeyValueStore<Bytes, byte[]>> inner)
            implements StoreBuilder<KeyValueStore<Bytes, byte[]>> {

        @Override
        public StoreBuilder<KeyValueStore<Bytes, byte[]>> withCachingEnabled() {
            return new Builder(inner.withCachingEnabled());
        }

        @Override
        public StoreBuilder<KeyValueStore<Bytes, byte[]>> withCachingDisabled() {
            return new Builder(inner.withCachingDisabled());
        }

        @Override
        public StoreBuilder<KeyValueStore<Bytes, byte[]>> withLoggingEnabled(Map<String, String> config) {
            return new Builder(inner.withLoggingEnabled(config));
        }

        @Override
        public StoreBuilder<KeyValueStore<Bytes, byte[]>> withLoggingDisabled() {
            return new Builder(inner.withLoggingDisabled());
        }

        @Override
        public KeyValueStore<Bytes, byte[]> build() {
            return new PreCommitStore(inner.build());
        }

        @Override
        public Map<String, String> logConfig() {
            return inner.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return inner.loggingEnabled();
        }

        @Override
        public String name() {
            return inner.name();
        }
    }
}
