package org.pmnfs.server.nsm;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An SM_MON registration of a local service (the kernel's lockd, as the NFS client): when host
 * {@code monName} reboots, call procedure {@code proc} of program {@code prog} version
 * {@code vers} on this machine with {@code priv}. pmnfs keeps these when it is the machine's
 * statd (with {@code --portmap}).
 *
 * @param monName the host watched (Linux sends the server's address as text)
 * @param myName  the caller's name for itself (unused for the call back, which stays on loopback)
 * @param priv    16 bytes the caller matches the callback with
 */
public record Monitor(String monName, String myName, int prog, int vers, int proc, byte[] priv) {

    /** SM_PRIV_SIZE. */
    public static final int PRIV_BYTES = 16;

    public Monitor {
        Objects.requireNonNull(monName, "monName");
        Objects.requireNonNull(myName, "myName");
        if (priv.length != PRIV_BYTES) {
            throw new IllegalArgumentException("priv: " + PRIV_BYTES + " bytes, got " + priv.length);
        }
        priv = priv.clone();
    }

    @Override
    public byte[] priv() {
        return priv.clone();
    }

    /** The same registration (host and callback), whatever the cookie. */
    boolean sameId(Monitor o) {
        return monName.equals(o.monName) && myName.equals(o.myName) && prog == o.prog && vers == o.vers && proc == o.proc;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Monitor m && sameId(m) && Arrays.equals(priv, m.priv);
    }

    @Override
    public int hashCode() {
        return Objects.hash(monName, myName, prog, vers, proc, Arrays.hashCode(priv));
    }

    @Override
    public String toString() {
        return monName + " for " + myName + " (" + prog + " v" + vers + " proc " + proc + ", priv "
                + HexFormat.of().formatHex(priv) + ")";
    }
}
