package io.payguard.platform.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves a host name to all its addresses, once per delivery attempt. The sender checks every address and connects
 * to the one it checked, so a name that resolves differently a moment later (DNS rebinding) cannot redirect the
 * connection. May block: the sender calls it on a worker thread.
 */
@FunctionalInterface
public interface HostResolver {

    /** All addresses of {@code host}; an empty list or {@link UnknownHostException} when it has none. */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The JVM's resolver ({@link InetAddress#getAllByName}); its cache ttl is the JVM's networkaddress.cache.ttl. */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
