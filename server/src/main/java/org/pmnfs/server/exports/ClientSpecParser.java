package org.pmnfs.server.exports;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns the client part of an exports entry into matchers: {@code *}, an IPv4/IPv6 address, a
 * network as {@code addr/bits} or {@code addr/netmask}, or a host name resolved once at start-up.
 * Wildcard host names and netgroups need name services this server does not use, so they are refused.
 */
final class ClientSpecParser {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");

    private ClientSpecParser() {}

    static List<ClientMatcher> parse(String spec) {
        if (spec.equals("*")) {
            return List.of(ClientMatcher.ANY);
        }
        if (spec.startsWith("@")) {
            throw new IllegalArgumentException("netgroup '" + spec + "' is not supported; list addresses or networks");
        }
        if (spec.contains("*") || spec.contains("?")) {
            throw new IllegalArgumentException("wildcard host name '" + spec + "' is not supported; use '*' or a network like 10.0.0.0/8");
        }
        int slash = spec.indexOf('/');
        if (slash >= 0) {
            return List.of(network(spec, spec.substring(0, slash), spec.substring(slash + 1)));
        }
        if (isLiteral(spec)) {
            return List.of(ClientMatcher.of(literal(spec)));
        }
        if (!HOST_NAME.matcher(spec).matches()) {
            throw new IllegalArgumentException("'" + spec + "' is not an address, network, host name or '*'");
        }
        try {
            List<ClientMatcher> out = new ArrayList<>();
            for (InetAddress a : InetAddress.getAllByName(spec)) {
                out.add(ClientMatcher.of(spec, a, a.getAddress().length * 8));
            }
            return out;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("host name '" + spec + "' does not resolve; use an address");
        }
    }

    private static ClientMatcher network(String spec, String address, String mask) {
        if (!isLiteral(address)) {
            throw new IllegalArgumentException("'" + spec + "': a network needs an address before '/'");
        }
        InetAddress base = literal(address);
        int maxBits = ClientMatcher.isIpv4(base) ? 32 : 128;
        int bits;
        if (mask.matches("\\d{1,3}")) {
            bits = Integer.parseInt(mask);
        } else if (IPV4.matcher(mask).matches() && maxBits == 32) {
            bits = netmaskBits(spec, literal(mask).getAddress());
        } else {
            throw new IllegalArgumentException("'" + spec + "': the prefix after '/' must be 0.." + maxBits + " or a netmask");
        }
        if (bits > maxBits) {
            throw new IllegalArgumentException("'" + spec + "': prefix " + bits + " exceeds " + maxBits + " bits");
        }
        return ClientMatcher.of(spec, base, bits);
    }

    private static int netmaskBits(String spec, byte[] mask) {
        int value = ((mask[0] & 0xFF) << 24) | ((mask[1] & 0xFF) << 16) | ((mask[2] & 0xFF) << 8) | (mask[3] & 0xFF);
        int bits = Integer.bitCount(value);
        if (value != (bits == 0 ? 0 : -1 << (32 - bits))) {
            throw new IllegalArgumentException("'" + spec + "': netmask bits are not contiguous");
        }
        return bits;
    }

    private static boolean isLiteral(String s) {
        return IPV4.matcher(s).matches() || (s.contains(":") && s.matches("[0-9A-Fa-f:.]+"));
    }

    /** Parses an address literal without any name lookup. */
    private static InetAddress literal(String s) {
        if (IPV4.matcher(s).matches()) {
            for (String part : s.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    throw new IllegalArgumentException("'" + s + "' is not a valid IPv4 address");
                }
            }
        }
        try {
            // getByName does no lookup for a literal; isLiteral() guarantees we have one.
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + s + "' is not a valid address");
        }
    }
}
