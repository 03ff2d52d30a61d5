package org.pmnfs.server.nlm;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;

/**
 * A client machine as the lock manager knows it: the caller_name it puts in its requests and the
 * address they come from. Both make up its identity, because clients behind one NAT (virtual
 * machines on user-mode networking) share an address, and a name alone can be anything.
 *
 * @param name    the caller_name (what its statd calls it in SM_NOTIFY, and FREE_ALL names)
 * @param address where its requests come from
 */
public record ClientHost(String name, InetAddress address) {

    public ClientHost {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
    }

    /** Whether {@code who} (a name, case-insensitive, or an address literal) names this host. */
    public boolean isNamed(String who) {
        return name.toLowerCase(Locale.ROOT).equals(who.toLowerCase(Locale.ROOT))
                || address.getHostAddress().equals(who);
    }

    @Override
    public String toString() {
        return name + "@" + address.getHostAddress();
    }
}
