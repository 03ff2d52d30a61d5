package org.pmnfs.server.nlm;

import java.io.IOException;
import java.util.function.Predicate;

/**
 * The durable list of client hosts that may hold locks (kept by NSM): a host is added, and on
 * disk, before it is told it holds or waits for a lock, so that after a crash it is told to
 * reclaim; it goes when it frees everything by FREE_ALL or reboots.
 */
public interface ClientRegistry {

    void add(ClientHost host) throws IOException;

    void remove(Predicate<ClientHost> which) throws IOException;
}
