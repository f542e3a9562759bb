package io.paypulse.broker;

import io.paypulse.files.FileModes;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How to start the embedded broker.
 *
 * @param dataDir      the PayPulse data directory; Kafka keeps its logs in {@code dataDir/kafka}
 *                     and the broker lock is {@code dataDir/kafka.lock}
 * @param port         the PLAINTEXT port on localhost; 0 picks any free port
 * @param portExplicit true when the user chose the port (e.g. {@code --broker-port}): a taken port
 *                     is then an error instead of a silent fallback to a free port
 * @param modes        modes of the folders and files PayPulse creates there (Kafka's own files inside
 *                     {@code kafka/} keep Kafka's modes; the folder's mode keeps others out)
 */
public record BrokerOptions(Path dataDir, int port, boolean portExplicit, FileModes modes) {

    /** With private modes: folders 0700, files 0600. */
    public BrokerOptions(Path dataDir, int port, boolean portExplicit) {
        this(dataDir, port, portExplicit, FileModes.PRIVATE);
    }

    public BrokerOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        modes = modes == null ? FileModes.PRIVATE : modes;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
    }
}
