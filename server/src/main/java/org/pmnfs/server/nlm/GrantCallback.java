package org.pmnfs.server.nlm;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where and how to tell a client that its blocked lock was granted (NLM GRANTED): the address its
 * request came from, its caller_name (its name may reach it where the address does not, e.g.
 * behind a NAT), the NLM version and transport it used, and the file handle exactly as it sent it.
 */
public record GrantCallback(InetSocketAddress client, String callerName, int version, boolean tcp, byte[] wireHandle) {

    public GrantCallback {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(callerName, "callerName");
        wireHandle = wireHandle.clone();
    }

    @Override
    public byte[] wireHandle() {
        return wireHandle.clone();
    }
}
