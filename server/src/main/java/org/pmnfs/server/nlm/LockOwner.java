package org.pmnfs.server.nlm;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Who holds a lock (RFC 1813 / X/Open NLM): a process on a client host, named by the opaque owner
 * handle ({@code oh}) and the svid the client sends. Two requests belong to the same owner only
 * when host, handle and svid are all equal; locks of one owner never conflict with each other.
 *
 * @param host   the client machine
 * @param handle the owner handle, at most {@link #MAX_HANDLE_BYTES} bytes (copied)
 * @param svid   the client's id of the process (Linux: a per-lock-owner number)
 */
public record LockOwner(ClientHost host, byte[] handle, int svid) {

    /** LM_MAXSTRLEN: the longest owner handle accepted (Linux lockd uses the same limit). */
    public static final int MAX_HANDLE_BYTES = 1024;

    public LockOwner {
        Objects.requireNonNull(host, "host");
        if (handle.length > MAX_HANDLE_BYTES) {
            throw new IllegalArgumentException("handle: at most " + MAX_HANDLE_BYTES + " bytes, got " + handle.length);
        }
        handle = handle.clone();
    }

    @Override
    public byte[] handle() {
        return handle.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LockOwner l && l.svid == svid && l.host.equals(host) && Arrays.equals(l.handle, handle);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, svid, Arrays.hashCode(handle));
    }

    /** The handle as text when it is printable ASCII (Linux sends "svid@host"), else hex. */
    public String handleText() {
        for (byte b : handle) {
            if (b < 0x20 || b > 0x7e) {
                return "0x" + HexFormat.of().formatHex(handle);
            }
        }
        return new String(handle, java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "svid " + svid + " (" + handleText() + ") on " + host;
    }
}
