package org.pmnfs.server.nsm;

import java.util.List;
import java.util.Objects;
import org.pmnfs.server.nlm.ClientHost;
import org.pmnfs.server.portmap.mapping;

/**
 * What pmnfs keeps across restarts for lock recovery, as one immutable value: its NSM state
 * number (odd while it runs, one more on every start, RFC 1813 / X/Open NSM), the boot it was
 * written in, the client hosts that may hold locks (told to reclaim after a restart), and, as
 * this machine's statd and portmapper, the SM_MON registrations and local portmap registrations.
 *
 * @param state    the NSM state number
 * @param bootId   the machine's boot id when written ({@code /proc/sys/kernel/random/boot_id})
 * @param clients  hosts that may hold locks
 * @param monitors SM_MON registrations of local services
 * @param locals   local portmap registrations
 */
public record NsmState(int state, String bootId, List<ClientHost> clients, List<Monitor> monitors, List<mapping> locals) {

    public NsmState {
        Objects.requireNonNull(bootId, "bootId");
        clients = List.copyOf(clients);
        monitors = List.copyOf(monitors);
        locals = List.copyOf(locals);
    }

    /** A machine that never ran pmnfs: state 0, nothing kept. */
    public static NsmState empty(String bootId) {
        return new NsmState(0, bootId, List.of(), List.of(), List.of());
    }

    /** Whether anything may need reclaiming: clients, or local services watching this server. */
    public boolean isEmpty() {
        return clients.isEmpty() && monitors.isEmpty();
    }

    public NsmState withState(int newState) {
        return new NsmState(newState, bootId, clients, monitors, locals);
    }

    public NsmState withBootId(String newBootId) {
        return new NsmState(state, newBootId, clients, monitors, locals);
    }

    public NsmState withClients(List<ClientHost> newClients) {
        return new NsmState(state, bootId, newClients, monitors, locals);
    }

    public NsmState withMonitors(List<Monitor> newMonitors) {
        return new NsmState(state, bootId, clients, newMonitors, locals);
    }

    public NsmState withLocals(List<mapping> newLocals) {
        return new NsmState(state, bootId, clients, monitors, newLocals);
    }
}
