package org.pmnfs.server.nsm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.pmnfs.server.nlm.ClientHost;
import org.pmnfs.server.portmap.mapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NSM state of this server, in memory and (when it has a file) on disk: every change is
 * written ({@link NsmStateFile#write}) before the call that made it returns, so a client is on
 * disk before it is told it holds a lock. Without a file (the memory backend, or a device pool
 * with no {@code --nsm-file}) nothing survives a restart and clients are not told to reclaim.
 */
public final class NsmStore {

    private static final Logger LOG = LoggerFactory.getLogger(NsmStore.class);

    /** Null: kept in memory only. */
    private final Path file;
    /** As read at start, before {@link #restart}. */
    private final NsmState found;
    /** Guarded by this. */
    private NsmState current;

    private NsmStore(Path file, NsmState found) {
        this.file = file;
        this.found = found;
        this.current = found;
    }

    /** Reads {@code file} (null: memory only). A damaged file stops the start with the line at fault. */
    public static NsmStore open(Path file, String bootId) throws IOException {
        return new NsmStore(file, file == null ? NsmState.empty(bootId) : NsmStateFile.read(file, bootId));
    }

    public Path file() {
        return file;
    }

    /** The state as found at start: the clients and monitors of the previous run. */
    public NsmState found() {
        return found;
    }

    /**
     * Begins this run: the next odd state number (a new incarnation, as statd counts them), this
     * boot's id; local portmap registrations from another boot are dropped (their services are
     * gone). Written before the server answers anyone.
     */
    public synchronized int restart(String bootId) throws IOException {
        int next = (current.state() & 1) == 1 ? current.state() + 2 : current.state() + 1;
        NsmState s = current.withState(next).withBootId(bootId);
        if (!bootId.equals(found.bootId())) {
            s = s.withLocals(List.of());
        }
        save(s);
        return next;
    }

    /** SM_SIMU_CRASH: a new incarnation without a restart. */
    public synchronized int bumpState() throws IOException {
        save(current.withState(current.state() + 2));
        return current.state();
    }

    public synchronized int state() {
        return current.state();
    }

    public synchronized List<ClientHost> clients() {
        return current.clients();
    }

    public synchronized boolean hasClient(ClientHost host) {
        return current.clients().contains(host);
    }

    /** Records a client that now holds (or waits for) a lock; written at once when it is new. */
    public synchronized void addClient(ClientHost host) throws IOException {
        if (!current.clients().contains(host)) {
            List<ClientHost> c = new ArrayList<>(current.clients());
            c.add(host);
            save(current.withClients(c));
        }
    }

    /** Forgets the clients {@code which} selects; true if any went. */
    public synchronized boolean removeClients(Predicate<ClientHost> which) throws IOException {
        List<ClientHost> c = new ArrayList<>(current.clients());
        if (!c.removeIf(which)) {
            return false;
        }
        save(current.withClients(c));
        return true;
    }

    public synchronized List<Monitor> monitors() {
        return current.monitors();
    }

    /** SM_MON: records (or replaces, with a new cookie) a registration. */
    public synchronized void addMonitor(Monitor m) throws IOException {
        List<Monitor> ms = new ArrayList<>(current.monitors());
        ms.removeIf(o -> o.sameId(m));
        ms.add(m);
        save(current.withMonitors(ms));
    }

    /** SM_UNMON, SM_UNMON_ALL: drops registrations; how many went. */
    public synchronized int removeMonitors(Predicate<Monitor> which) throws IOException {
        List<Monitor> ms = new ArrayList<>(current.monitors());
        int before = ms.size();
        ms.removeIf(which);
        if (ms.size() != before) {
            save(current.withMonitors(ms));
        }
        return before - ms.size();
    }

    public synchronized List<mapping> locals() {
        return current.locals();
    }

    /** The local portmap registrations changed (called by {@code LocalRegistrations}). */
    public synchronized void setLocals(List<mapping> locals) {
        try {
            save(current.withLocals(locals));
        } catch (IOException e) {
            LOG.error("cannot write {}: the local portmap registrations will not survive a restart: {}", file, e.toString());
        }
    }

    private void save(NsmState s) throws IOException {
        if (file != null) {
            NsmStateFile.write(file, s);
        }
        current = s;
    }
}
