package org.pmnfs.server.nlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.io.IOException;
import java.time.Duration;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrVoid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pmnfs.server.testing.LogCapture;
import org.pmnfs.server.testing.NfsTestClient;
import org.pmnfs.server.testing.RpcReply;
import org.pmnfs.server.testing.RpcTestClient;

/**
 * Bad NLM, NSM and lock-administration input over real TCP: undecodable and oversized arguments
 * (huge owners, names, handles, lengths) get GARBAGE_ARGS before anything is allocated, unknown
 * and malformed handles get STALE_FH, unknown procedures and versions their RPC errors; nothing
 * is logged at ERROR, and afterwards locking works on the same connection.
 */
class BadNlmInputTest {

    private static final int NLM = NlmProgram.PROGRAM;
    private static final int NSM = 100024;

    private LockingTestServer server;
    private byte[] file;

    @BeforeEach
    void start() throws IOException {
        server = LockingTestServer.start(null, Duration.ZERO, 111);
        try (NfsTestClient nfs = server.nfs()) {
            file = nfs.createFile(nfs.mount("/"), "f");
        }
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void badRequestsGetTheRightErrorsAndLockingGoesOn() throws IOException {
        try (LogCapture log = new LogCapture(); NlmTestClient nlm = server.nlm(LockingTestServer.ONE, "alpha")) {
            RpcTestClient c = nlm.rpc;
            garbage(c, NLM, NlmProgram.LOCK, x -> x.xdrEncodeDynamicOpaque(new byte[4]));          // cut after the cookie
            garbage(c, NLM, NlmProgram.LOCK, x -> x.xdrEncodeInt(0x7fffffff));                      // a 2 GiB cookie
            garbage(c, NLM, NlmProgram.LOCK, x -> lockArgs(x, "alpha", file, new byte[2000]));      // an owner of 2000 bytes
            garbage(c, NLM, NlmProgram.LOCK, x -> lockArgs(x, "a".repeat(5000), file, new byte[4])); // a 5000-byte caller name
            garbage(c, NLM, NlmProgram.LOCK, x -> lockArgs(x, "alpha", new byte[65], new byte[4]));  // a handle > 64 bytes
            garbage(c, NLM, NlmProgram.TEST, x -> {                                                    // holder cut short
                x.xdrEncodeDynamicOpaque(new byte[0]);
                x.xdrEncodeBoolean(true);
                x.xdrEncodeDynamicOpaque("alpha".getBytes());
            });
            garbage(c, NLM, NlmProgram.SHARE, x -> {                                                   // share mode 7
                x.xdrEncodeDynamicOpaque(new byte[0]);
                x.xdrEncodeDynamicOpaque("alpha".getBytes());
                x.xdrEncodeDynamicOpaque(file);
                x.xdrEncodeDynamicOpaque(new byte[1]);
                x.xdrEncodeInt(7);
                x.xdrEncodeInt(1);
                x.xdrEncodeBoolean(false);
            });
            garbage(c, NSM, 6, x -> x.xdrEncodeDynamicOpaque(new byte[3000]));                        // SM_NOTIFY: name too long
            garbage(c, NSM, 2, x -> x.xdrEncodeDynamicOpaque("host".getBytes()));                      // SM_MON cut short
            assertEquals(RpcReply.PROC_UNAVAIL, c.call(NLM, 4, 99, XdrVoid.XDR_VOID).acceptStat());
            assertEquals(RpcReply.PROC_UNAVAIL, c.call(NSM, 1, 7, XdrVoid.XDR_VOID).acceptStat());
            assertEquals(RpcReply.PROG_MISMATCH, c.call(NLM, 9, 0, XdrVoid.XDR_VOID).acceptStat());

            byte[] unknownExport = file.clone();
            unknownExport[0] ^= 0x40;
            assertEquals(NlmStatus.STALE_FH, nlm.lock(unknownExport, 1, 0, 0, true, false), "an export id nobody exports");
            assertEquals(NlmStatus.STALE_FH, nlm.lock(new byte[] {1, 2, 3}, 1, 0, 0, true, false), "too short to be a handle");
            byte[] mangled = file.clone();
            mangled[6] ^= 0x7f;
            assertEquals(NlmStatus.STALE_FH, nlm.lock(mangled, 1, 0, 0, true, false), "a mangled backend handle");
            assertEquals(NlmStatus.GRANTED, nlm.unlock(mangled, 1, 0, 0), "unlocking what nobody holds is fine");
            nlm.version(1);
            assertEquals(NlmStatus.DENIED_NOLOCKS, nlm.lock(unknownExport, 1, 0, 0, true, false),
                    "version 1 has no STALE_FH: DENIED_NOLOCKS, as Linux lockd answers");
            nlm.version(4);

            // The same connection still locks.
            assertEquals(NlmStatus.GRANTED, nlm.lock(file, 1, 0, 0, true, false));
            assertEquals(NlmStatus.GRANTED, nlm.unlock(file, 1, 0, 0));
            assertTrue(log.at(Level.ERROR).isEmpty(), () -> "no ERROR for client mistakes: " + log.at(Level.ERROR));
            for (ILoggingEvent e : log.events()) {
                assertNull(e.getThrowableProxy(), () -> "a stack trace for a client mistake: " + e.getFormattedMessage());
            }
        }
        try (RpcTestClient admin = new RpcTestClient(server.server.address())) {
            garbage(admin, LocksAdminProgram.PROGRAM, LocksAdminProgram.RELEASE, x -> x.xdrEncodeDynamicOpaque(new byte[0]));
            garbage(admin, LocksAdminProgram.PROGRAM, LocksAdminProgram.RELEASE, x -> x.xdrEncodeDynamicOpaque(new byte[2000]));
            RpcReply r = admin.call(LocksAdminProgram.PROGRAM, 1, LocksAdminProgram.RELEASE, new org.pmnfs.server.nlm.xdr.admin_text("alpha"));
            org.pmnfs.server.nlm.xdr.admin_text t = new org.pmnfs.server.nlm.xdr.admin_text();
            t.xdrDecode(r.body());
            assertTrue(t.text.startsWith("refused"), "an unprivileged caller may not release: " + t.text);
        }
    }

    private static void lockArgs(Xdr x, String caller, byte[] fh, byte[] oh) {
        x.xdrEncodeDynamicOpaque(new byte[] {1});
        x.xdrEncodeBoolean(false);
        x.xdrEncodeBoolean(true);
        x.xdrEncodeDynamicOpaque(caller.getBytes());
        x.xdrEncodeDynamicOpaque(fh);
        x.xdrEncodeDynamicOpaque(oh);
        x.xdrEncodeInt(1);
        x.xdrEncodeLong(0);
        x.xdrEncodeLong(0);
        x.xdrEncodeBoolean(false);
        x.xdrEncodeInt(0);
    }

    private static void garbage(RpcTestClient c, int program, int procedure, Encoder args) throws IOException {
        int version = program == NLM ? 4 : 1;
        RpcReply r = c.call(program, version, procedure, args);
        assertEquals(RpcReply.GARBAGE_ARGS, r.acceptStat(), "program " + program + " procedure " + procedure + ": " + r.describe());
    }

    /** Arguments written by hand. */
    @FunctionalInterface
    private interface Encoder extends XdrAble {
        void encode(Xdr xdr);

        @Override
        default void xdrEncode(org.dcache.oncrpc4j.xdr.XdrEncodingStream xdr) {
            encode((Xdr) xdr);
        }

        @Override
        default void xdrDecode(org.dcache.oncrpc4j.xdr.XdrDecodingStream xdr) {
            throw new UnsupportedOperationException();
        }
    }
}
