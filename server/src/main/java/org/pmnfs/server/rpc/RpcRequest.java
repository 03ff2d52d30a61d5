package org.pmnfs.server.rpc;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.dcache.oncrpc4j.rpc.MismatchInfo;
import org.dcache.oncrpc4j.rpc.RpcAuth;
import org.dcache.oncrpc4j.rpc.RpcAuthError;
import org.dcache.oncrpc4j.rpc.RpcAuthTypeNone;
import org.dcache.oncrpc4j.rpc.RpcCall;
import org.dcache.oncrpc4j.rpc.RpcRejectStatus;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.glassfish.grizzly.Buffer;

/**
 * One decoded call: header fields, the caller's credential, the argument bytes (the record's
 * buffer, positioned after the header) and the means to reply. Replies are encoded into a buffer
 * sized once ({@link #newReply}) and sent through oncrpc4j's {@link RpcCall}, whose transport adds
 * the record mark.
 */
public final class RpcRequest {

    /**
     * Bytes of an accepted reply's header: xid, REPLY, MSG_ACCEPTED, the AUTH_NONE verifier
     * (flavor + empty body length) and accept_stat (RFC 5531 section 9).
     */
    public static final int ACCEPTED_REPLY_HEADER_BYTES = 24;

    /** Reply body size assumed when the body does not say ({@link SizedXdr}). */
    static final int DEFAULT_REPLY_BODY_BYTES = 256;

    /**
     * The verifier every reply carries: AUTH_NONE with an empty body, as RFC 5531 allows for
     * AUTH_SYS (the server has nothing to prove). Never decoded into, so it can be shared.
     */
    private static final RpcAuth REPLY_AUTH = new RpcAuthTypeNone();

    private final int xid;
    private final int program;
    private final int version;
    private final int procedure;
    private final AuthCredential credential;
    private final Xdr arguments;
    private final Channel channel;
    /** Where the reply goes besides the wire, for a non-idempotent call ({@link ReplyCache}). */
    private ReplyCache.Entry remembered;
    /** When the call's record had arrived ({@link System#nanoTime}), for its latency. */
    private long receivedNanos;
    /** The status the call failed with, null while it has not ({@link #failedWith}). */
    private String failure;

    RpcRequest(int xid, int program, int version, int procedure, AuthCredential credential, Xdr arguments, Channel channel) {
        this.xid = xid;
        this.program = program;
        this.version = version;
        this.procedure = procedure;
        this.credential = credential;
        this.arguments = arguments;
        this.channel = channel;
    }

    public int xid() {
        return xid;
    }

    public int program() {
        return program;
    }

    public int version() {
        return version;
    }

    public int procedure() {
        return procedure;
    }

    public AuthCredential credential() {
        return credential;
    }

    /** The caller's address and port (the port decides the exports {@code secure} option). */
    public InetSocketAddress client() {
        return channel.client();
    }

    /** Whether the call came over TCP (false: UDP), e.g. to call the client back the same way. */
    public boolean overTcp() {
        return channel.isStream();
    }

    /** The connection's "address:port", for the MDC. */
    String channelLabel() {
        return channel.label();
    }

    /** The argument stream, positioned after the call header. */
    public Xdr arguments() {
        return arguments;
    }

    /** The Grizzly buffer behind {@link #arguments()}, for views of bulk data (WRITE). */
    public Buffer argumentBuffer() {
        return arguments.asBuffer();
    }

    /** Decodes the arguments into {@code args} and returns it. */
    public <T extends XdrAble> T decode(T args) throws IOException {
        args.xdrDecode(arguments);
        return args;
    }

    /**
     * A reply stream with room for an accepted-reply header plus {@code bodyBytes}, so encoding a
     * body of that size never reallocates.
     */
    public Xdr newReply(int bodyBytes) {
        return new Xdr(channel.replyBuffer(ACCEPTED_REPLY_HEADER_BYTES + bodyBytes), channel.memory());
    }

    /** Sends an accepted SUCCESS reply with {@code body}, in a buffer sized from {@link SizedXdr} if the body is one. */
    public void reply(XdrAble body) {
        int size = body instanceof SizedXdr s ? s.encodedSize() : DEFAULT_REPLY_BODY_BYTES;
        reply(body, newReply(size));
    }

    /** Sends an accepted SUCCESS reply with {@code body}, encoded into {@code into} (from {@link #newReply}). */
    public void reply(XdrAble body, Xdr into) {
        // Even when the connection is gone: that is when the client will retransmit.
        if (remembered != null) {
            remembered.answered(body);
        }
        if (channel.isOpen()) {
            call(into).reply(body);
        } else {
            discard(into);
        }
    }

    /**
     * Records that this call failed with {@code status}, for metrics: the program's own status
     * name (NOENT, ACCES, ...), a constant so recording allocates nothing. The reply is sent as usual.
     */
    public void failedWith(String status) {
        this.failure = status;
    }

    /** The status recorded by {@link #failedWith}, or null when the call succeeded. */
    String failure() {
        return failure;
    }

    void received(long nanos) {
        this.receivedNanos = nanos;
    }

    long receivedNanos() {
        return receivedNanos;
    }

    /** The successful reply of this call will also be given to {@code entry}. */
    void rememberReplyIn(ReplyCache.Entry entry) {
        this.remembered = entry;
    }

    /** Gives back a reply buffer that will not be sent (a pooled one returns to its pool). */
    public static void discard(Xdr reply) {
        reply.asBuffer().tryDispose();
    }

    void replyProgramUnavailable() {
        if (channel.isOpen()) {
            call(newReply(0)).failProgramUnavailable();
        }
    }

    void replyProgramMismatch(int low, int high) {
        if (channel.isOpen()) {
            call(newReply(8)).failProgramMismatch(low, high);
        }
    }

    void replyProcedureUnavailable() {
        if (channel.isOpen()) {
            call(newReply(0)).failProcedureUnavailable();
        }
    }

    void replyGarbageArgs() {
        replyGarbageArgs(xid, channel);
    }

    void replySystemError() {
        if (channel.isOpen()) {
            call(newReply(0)).failRpcSystem();
        }
    }

    static void replyGarbageArgs(int xid, Channel channel) {
        if (channel.isOpen()) {
            new RpcCall(xid, 0, 0, 0, REPLY_AUTH, newXdr(channel, 0), channel.transport()).failRpcGarbage();
        }
    }

    /** MSG_DENIED / RPC_MISMATCH: this server speaks RPC version 2 only. */
    static void rejectRpcVersion(int xid, Channel channel) {
        if (channel.isOpen()) {
            new RpcCall(xid, 0, 0, 0, REPLY_AUTH, newXdr(channel, 0), channel.transport())
                    .reject(RpcRejectStatus.RPC_MISMATCH, new MismatchInfo(CallDecoder.RPC_VERSION, CallDecoder.RPC_VERSION));
        }
    }

    /** MSG_DENIED / AUTH_ERROR with {@code authStat} (RpcAuthStat). */
    static void rejectAuth(int xid, Channel channel, int authStat) {
        if (channel.isOpen()) {
            new RpcCall(xid, 0, 0, 0, REPLY_AUTH, newXdr(channel, 0), channel.transport())
                    .reject(RpcRejectStatus.AUTH_ERROR, new RpcAuthError(authStat));
        }
    }

    private RpcCall call(Xdr into) {
        return new RpcCall(xid, program, version, procedure, REPLY_AUTH, into, channel.transport());
    }

    private static Xdr newXdr(Channel channel, int bodyBytes) {
        return new Xdr(channel.memory().allocate(ACCEPTED_REPLY_HEADER_BYTES + bodyBytes), channel.memory());
    }

    @Override
    public String toString() {
        return "xid " + Integer.toHexString(xid) + " program " + program + " v" + version + " proc " + procedure;
    }
}
