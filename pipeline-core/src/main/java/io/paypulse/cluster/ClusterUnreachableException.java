package io.paypulse.cluster;

/** The cluster could not be reached or refused what we asked; the message is one plain sentence. */
public class ClusterUnreachableException extends RuntimeException {

    public ClusterUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
