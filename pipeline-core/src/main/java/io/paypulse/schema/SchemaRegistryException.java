package io.paypulse.schema;

/**
 * A Schema Registry request that failed, as one plain sentence naming the registry (and the subject
 * or id) and the registry's own message. {@link #unavailable()} tells a registry that could not be
 * reached or answered 5xx (worth retrying) from one that answered no (not worth retrying).
 */
public class SchemaRegistryException extends RuntimeException {

    /** HTTP status, or 0 when the registry could not be reached. */
    private final int status;
    /** The registry's {@code error_code}, or 0 when it sent none. */
    private final int errorCode;

    public SchemaRegistryException(String message, int status, int errorCode, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    public int status() {
        return status;
    }

    public int errorCode() {
        return errorCode;
    }

    /** Not reached, timed out, or a 5xx answer: the same request may work later. */
    public boolean unavailable() {
        return status == 0 || status >= 500;
    }

    /** The subject, version or schema id does not exist (HTTP 404: 40401, 40402, 40403). */
    public boolean notFound() {
        return status == 404;
    }
}
