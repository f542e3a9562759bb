package io.paypulse.process.errors;

/**
 * What the exception handlers count. The processor's stats implement it and reach the handlers through
 * the Streams config under {@link #CONFIG}: the handlers are built by Kafka Streams from class names, and
 * this interface lets them count without depending on the processor package that configures them.
 */
public interface DeadLetterCounts {

    /** Config key under which the counts object reaches the exception handlers. */
    String CONFIG = "paypulse.processor.stats";

    /** Counts nothing: for handlers built without the processor's config (e.g. by a bare Streams app). */
    DeadLetterCounts NONE = new DeadLetterCounts() {
        @Override
        public void deadLettered() {
        }

        @Override
        public void writeFailed() {
        }
    };

    /** A record whose processing threw, or that a source could not read, sent to the DLQ by a handler. */
    void deadLettered();

    /** An output record the broker refused or that could not be serialized, replaced by a dead letter. */
    void writeFailed();
}
