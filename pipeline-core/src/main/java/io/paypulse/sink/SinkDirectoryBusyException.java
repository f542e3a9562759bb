package io.paypulse.sink;

/**
 * Another CSV sink of the same kind (in this process or another, e.g. another processor replica on a
 * shared output volume) holds the output directory's lock. Whoever starts the sink may wait and try
 * again: the lock is free as soon as the holder stops or dies.
 */
public final class SinkDirectoryBusyException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    SinkDirectoryBusyException(String message) {
        super(message);
    }
}
