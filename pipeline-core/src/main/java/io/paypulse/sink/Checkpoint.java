package io.paypulse.sink;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a sink has made durable: for each partition of its topic the next offset to read, and for every
 * file it has written the byte length that holds exactly the rows before those offsets.
 */
record Checkpoint(int version, String sink, String topic, SortedMap<Integer, Long> offsets, SortedMap<String, Long> files) {

    static final int VERSION = 1;

    Checkpoint {
        offsets = Collections.unmodifiableSortedMap(offsets == null ? new TreeMap<>() : new TreeMap<>(offsets));
        files = Collections.unmodifiableSortedMap(files == null ? new TreeMap<>() : new TreeMap<>(files));
    }

    static Checkpoint of(String sink, String topic, Map<Integer, Long> offsets, Map<String, Long> files) {
        return new Checkpoint(VERSION, sink, topic, new TreeMap<>(offsets), new TreeMap<>(files));
    }

    Checkpoint withFiles(Map<String, Long> newFiles) {
        return new Checkpoint(version, sink, topic, offsets, new TreeMap<>(newFiles));
    }
}
