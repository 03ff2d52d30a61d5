package org.pmnfs.server.nlm;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dcache.oncrpc4j.xdr.XdrInt;
import org.pmnfs.server.portmap.LocalRegistrations;
import org.pmnfs.server.portmap.PortmapProgram;
import org.pmnfs.server.portmap.mapping;
import org.pmnfs.server.rpc.RpcCaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds where to call a peer back: its addresses (the one its requests came from, then those its
 * name resolves to, because a client behind a NAT is reached by name or not at all), and the port
 * of a program there, asked of the portmapper on that address. A question for pmnfs's own
 * portmapper is answered from the local registrations instead (the services of this machine, such
 * as the kernel's lockd), never with pmnfs's own programs: pmnfs never calls itself back.
 * Blocking (portmap calls, name lookups): use from a virtual thread.
 */
public final class PeerLocator {

    private static final Logger LOG = LoggerFactory.getLogger(PeerLocator.class);

    /** A portmapper answers at once or not at all. */
    static final Duration PORTMAP_TIMEOUT = Duration.ofSeconds(3);

    /** Where pmnfs's portmapper listens, or null without {@code --portmap}. */
    private final InetSocketAddress ownPortmap;
    /** Its local registrations, or null. */
    private final LocalRegistrations local;
    /** Where other machines' portmappers answer: 111. */
    private final int peerPortmapPort;

    public PeerLocator(InetSocketAddress ownPortmap, LocalRegistrations local, int peerPortmapPort) {
        this.ownPortmap = ownPortmap;
        this.local = local;
        this.peerPortmapPort = peerPortmapPort;
    }

    /**
     * The address {@code host}'s requests came from, then the other addresses of its name, looked
     * up only when the first ones are used up (a name lookup may wait for DNS).
     */
    public Iterable<InetAddress> addresses(ClientHost host) {
        return () -> new java.util.Iterator<>() {
            private List<InetAddress> more;
            private int next = -1;

            @Override
            public boolean hasNext() {
                if (next < 0) {
                    return true;
                }
                if (more == null) {
                    Set<InetAddress> names = new LinkedHashSet<>(resolve(host.name()));
                    names.remove(host.address());
                    more = new ArrayList<>(names);
                }
                return next < more.size();
            }

            @Override
            public InetAddress next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return next++ < 0 ? host.address() : more.get(next - 1);
            }
        };
    }

    /** The addresses of a name or an address literal; none when it does not resolve. */
    public static List<InetAddress> resolve(String name) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9.:_-]{0,253}")) {
            return List.of(); // not a host name: do not ask the resolver about it
        }
        try {
            return List.of(InetAddress.getAllByName(name));
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    /**
     * The port of {@code prog} version {@code vers} over {@code prot} (IPPROTO_TCP or _UDP) at
     * {@code at}; 0 when not registered or the portmapper does not answer.
     */
    public int port(InetAddress at, int prog, int vers, int prot) {
        if (isOwnPortmapper(at)) {
            return local == null ? 0 : local.port(prog, vers, prot).orElse(0);
        }
        XdrInt port = new XdrInt();
        try {
            RpcCaller.call(new InetSocketAddress(at, peerPortmapPort), false, PortmapProgram.PROGRAM, PortmapProgram.VERSION, 3,
                    new mapping(prog, vers, prot, 0), port, RpcCaller.Options.within(PORTMAP_TIMEOUT));
            return port.intValue();
        } catch (IOException e) {
            LOG.debug("no portmapper answers at {}: {}", at.getHostAddress(), e.getMessage());
            return 0;
        }
    }

    /** Whether a GETPORT sent to {@code at} would reach pmnfs's own portmapper. */
    public boolean isOwnPortmapper(InetAddress at) {
        if (ownPortmap == null) {
            return false;
        }
        InetAddress bound = ownPortmap.getAddress();
        return bound.isAnyLocalAddress() ? isThisMachine(at) : bound.equals(at);
    }

    /** Whether {@code a} is an address of this machine. */
    public static boolean isThisMachine(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(a) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
