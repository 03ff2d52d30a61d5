package org.pmnfs.server.portmap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The programs other services on this machine registered with pmnfs's portmapper (PMAP SET), kept
 * apart from pmnfs's own programs, as rpcbind keeps them: the kernel's lockd (the NFS client's
 * lock callbacks) registers here when pmnfs is the machine's portmapper. A (program, version,
 * protocol) registered with one port cannot be registered with another until it is unset.
 * Changes are handed to a listener that keeps them across a restart (rpcbind -w does the same),
 * because the kernel registers only once, when its lockd starts.
 */
public final class LocalRegistrations {

    private record Key(int prog, int vers, int prot) {}

    /** Guarded by this; in registration order. */
    private final Map<Key, Integer> ports = new LinkedHashMap<>();
    private final Consumer<List<mapping>> onChange;

    /** An empty table whose changes go to {@code onChange} (called with the whole table, under the table's lock). */
    public LocalRegistrations(Consumer<List<mapping>> onChange) {
        this.onChange = onChange;
    }

    /** The registrations kept from before a restart, installed without calling the listener. */
    public synchronized void restore(List<mapping> saved) {
        for (mapping m : saved) {
            ports.put(new Key(m.prog, m.vers, m.prot), m.port);
        }
    }

    /** PMAP SET: false when the triple is registered with another port. */
    public synchronized boolean set(mapping m) {
        Key k = new Key(m.prog, m.vers, m.prot);
        Integer old = ports.get(k);
        if (old != null) {
            return old == m.port;
        }
        ports.put(k, m.port);
        onChange.accept(all());
        return true;
    }

    /** PMAP UNSET: drops the program version on every protocol; false when nothing was registered. */
    public synchronized boolean unset(int prog, int vers) {
        boolean removed = ports.keySet().removeIf(k -> k.prog == prog && k.vers == vers);
        if (removed) {
            onChange.accept(all());
        }
        return removed;
    }

    /** The registered port of the triple. */
    public synchronized OptionalInt port(int prog, int vers, int prot) {
        Integer p = ports.get(new Key(prog, vers, prot));
        return p == null ? OptionalInt.empty() : OptionalInt.of(p);
    }

    public synchronized List<mapping> all() {
        List<mapping> out = new ArrayList<>(ports.size());
        ports.forEach((k, port) -> out.add(new mapping(k.prog, k.vers, k.prot, port)));
        return out;
    }
}
