package org.pmnfs.server.exports;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * The client part of an exports(5) entry: {@code *}, one address, or a network in CIDR form.
 * IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) match their IPv4 form.
 *
 * @param spec       the text as written, for EXPORT replies and messages
 * @param network    address bytes (4 or 16), or null for {@code *}
 * @param prefixBits leading bits of {@code network} that must match
 */
public record ClientMatcher(String spec, byte[] network, int prefixBits) {

    public static final ClientMatcher ANY = new ClientMatcher("*", null, 0);

    public ClientMatcher {
        Objects.requireNonNull(spec, "spec");
        if (network != null) {
            if (network.length != 4 && network.length != 16) {
                throw new IllegalArgumentException("network: 4 or 16 address bytes, got " + network.length);
            }
            if (prefixBits < 0 || prefixBits > network.length * 8) {
                throw new IllegalArgumentException("prefixBits: 0.." + network.length * 8 + ", got " + prefixBits);
            }
            network = network.clone();
        }
    }

    /** A matcher for exactly {@code address}. */
    public static ClientMatcher of(InetAddress address) {
        byte[] b = normalize(address);
        return new ClientMatcher(address.getHostAddress(), b, b.length * 8);
    }

    /** A matcher for the network {@code address/prefixBits}. */
    public static ClientMatcher of(String spec, InetAddress address, int prefixBits) {
        return new ClientMatcher(spec, normalize(address), prefixBits);
    }

    public boolean matches(InetAddress client) {
        if (network == null) {
            return true;
        }
        byte[] c = normalize(client);
        if (c.length != network.length) {
            return false;
        }
        int full = prefixBits / 8;
        for (int i = 0; i < full; i++) {
            if (c[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (c[full] & mask) == (network[full] & mask);
    }

    private static byte[] normalize(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address && isIpv4Mapped(b)) {
            return new byte[] {b[12], b[13], b[14], b[15]};
        }
        return b;
    }

    private static boolean isIpv4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
    }

    /** True for a single IPv4 or IPv6 host (not a network or {@code *}). */
    public boolean isSingleHost() {
        return network != null && prefixBits == network.length * 8;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientMatcher m && m.spec.equals(spec) && m.prefixBits == prefixBits
                && java.util.Arrays.equals(m.network, network);
    }

    @Override
    public int hashCode() {
        return spec.hashCode() * 31 + prefixBits;
    }

    @Override
    public String toString() {
        return spec;
    }

    static boolean isIpv4(InetAddress a) {
        return a instanceof Inet4Address || isIpv4Mapped(a.getAddress());
    }
}
