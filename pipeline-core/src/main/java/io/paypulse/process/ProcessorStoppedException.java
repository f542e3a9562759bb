package io.paypulse.process;

import io.paypulse.schema.SchemaRegistryException;


/**
 * The processor's Kafka Streams client stopped for a reason that is not a record's (records that
 * throw go to the DLQ): the message is one sentence for the user, naming the cause.
 */
public final class ProcessorStoppedException extends RuntimeException {

    public ProcessorStoppedException(Throwable cause) {
        super(sentence(cause), cause);
    }

    /**
     * "The processor stopped: " and the cause as a sentence: a Schema Registry failure's own sentence,
     * else the innermost exception's type and message.
     */
    public static String sentence(Throwable failure) {
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SchemaRegistryException) {
                return "The processor stopped: " + t.getMessage();
            }
            root = t;
        }
        String message = root.getMessage();
        String text = root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return "The processor stopped after an error that is not a record's fault (" + text
                + "); see the log for details.";
    }
}
