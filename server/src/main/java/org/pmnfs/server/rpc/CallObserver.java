package org.pmnfs.server.rpc;

/**
 * What the dispatcher tells about the calls it serves, for metrics: each procedure's calls, their
 * time from arrival to reply and their failures, the retransmissions answered from the reply
 * cache, and the calls no procedure served. {@link RpcServer} resolves one
 * {@link ProcedureObserver} per procedure when it starts, so serving a call looks nothing up.
 * Methods run on the network and worker threads: they must be thread-safe and cheap.
 */
public interface CallObserver {

    /** Observes nothing (metrics off). */
    CallObserver NONE = new CallObserver() {
        @Override
        public ProcedureObserver procedure(String program, String procedure) {
            return ProcedureObserver.NONE;
        }

        @Override
        public void replyCacheHit() {
        }

        @Override
        public void unserved(String reason) {
        }
    };

    /**
     * The observer of one procedure, e.g. ("NFS3", "READ") from the name "NFS3.READ" that
     * {@link RpcProgram#procedureName} gives. Called once per procedure at start.
     */
    ProcedureObserver procedure(String program, String procedure);

    /** A retransmitted call was answered with the first call's reply ({@link ReplyCache}); it did not run again. */
    void replyCacheHit();

    /**
     * A call that reached no procedure: {@code reason} is PROG_UNAVAIL, PROG_MISMATCH, PROC_UNAVAIL
     * (RFC 5531 accept_stat), or how a call was rejected before that (RPC_MISMATCH, AUTH_ERROR,
     * GARBAGE_ARGS). Always one of these constants.
     */
    void unserved(String reason);

    /** The calls of one procedure. */
    interface ProcedureObserver {

        ProcedureObserver NONE = (nanos, failure) -> { };

        /**
         * One call was served in {@code nanos}, from the moment its record had arrived to the moment
         * its reply went to the transport. {@code failure} is null when it succeeded, else the
         * status it failed with ({@link RpcRequest#failedWith}): the program's own status name
         * (NOENT, ACCES, ...) or GARBAGE_ARGS / SYSTEM_ERR.
         */
        void served(long nanos, String failure);
    }
}
