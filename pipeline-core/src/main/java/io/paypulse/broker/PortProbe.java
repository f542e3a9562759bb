package io.paypulse.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/**
 * Asks the operating system whether a TCP port can be listened on, the way Kafka's socket server
 * will bind it (host name resolved to its first address, SO_REUSEADDR as the JDK defaults it).
 * The answer can go stale at once: another process may take the port right after.
 */
public final class PortProbe {

    private PortProbe() {
    }

    /** True when a server socket can bind {@code host:port} right now. */
    public static boolean isFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(resolve(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port the operating system considers free on {@code host} right now. */
    public static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(resolve(host), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new BrokerException("No free TCP port could be found on " + host
                    + ". Check the network configuration of this machine.", e);
        }
    }

    /**
     * A free port on {@code host} other than {@code taken}: a port probed free but not bound yet (the
     * broker's, while the controller's is chosen) is free again to the OS, which may hand it out twice.
     */
    public static int freePortExcept(String host, int taken) {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port = freePort(host);
            if (port != taken) {
                return port;
            }
        }
        throw new BrokerException("No free TCP port other than " + taken + " could be found on " + host
                + ". Check the network configuration of this machine.", null);
    }

    private static InetAddress resolve(String host) throws UnknownHostException {
        return InetAddress.getByName(host);
    }
}
