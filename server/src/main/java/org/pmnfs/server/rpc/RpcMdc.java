package org.pmnfs.server.rpc;

import org.slf4j.MDC;

/**
 * The MDC keys every log line of a request carries, printed by the Logback pattern: the client's
 * address:port, the call's xid (hex) and the procedure name. Set by the dispatcher, cleared in
 * {@code finally}.
 */
public final class RpcMdc {

    public static final String CLIENT = "client";
    public static final String XID = "xid";
    public static final String PROCEDURE = "proc";

    private RpcMdc() {}

    static void client(String label) {
        MDC.put(CLIENT, label);
    }

    static void xid(int xid) {
        MDC.put(XID, Integer.toHexString(xid));
    }

    static void procedure(String name) {
        MDC.put(PROCEDURE, name);
    }

    static void clear() {
        MDC.remove(CLIENT);
        MDC.remove(XID);
        MDC.remove(PROCEDURE);
    }
}
