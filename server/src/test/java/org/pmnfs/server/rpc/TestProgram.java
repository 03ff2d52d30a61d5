package org.pmnfs.server.rpc;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.dcache.oncrpc4j.xdr.XdrInt;
import org.dcache.oncrpc4j.xdr.XdrVoid;

/** A tiny program (number 400000, versions 1 and 2) that exercises the dispatcher's paths. */
final class TestProgram implements RpcProgram {

    static final int NUMBER = 400000;
    static final int NULL = 0;
    /** Echoes an opaque of at most 1 MiB. */
    static final int ECHO = 1;
    /** Waits until RELEASE is called, then replies. */
    static final int BLOCK = 2;
    /** Throws a RuntimeException (a server fault). */
    static final int FAULT = 3;
    /** Replies with the caller's uid and number of gids. */
    static final int WHOAMI = 4;
    static final int RELEASE = 5;

    final CountDownLatch released = new CountDownLatch(1);

    @Override
    public int number() {
        return NUMBER;
    }

    @Override
    public int lowVersion() {
        return 1;
    }

    @Override
    public int highVersion() {
        return 2;
    }

    @Override
    public String procedureName(int version, int procedure) {
        return procedure >= 0 && procedure <= RELEASE ? "TEST.P" + procedure : null;
    }

    @Override
    public void serve(RpcRequest request) throws IOException {
        switch (request.procedure()) {
            case NULL -> request.reply(XdrVoid.XDR_VOID);
            case ECHO -> {
                byte[] data = XdrLimits.opaque(request.arguments(), 1 << 20, "echo data");
                request.reply(new Opaque(data));
            }
            case BLOCK -> {
                try {
                    if (!released.await(20, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                request.reply(new XdrInt(BLOCK));
            }
            case FAULT -> throw new IllegalStateException("deliberate fault");
            case WHOAMI -> {
                AuthCredential c = request.credential();
                request.reply(new Opaque(new byte[] {(byte) c.flavor(), (byte) c.uid(), (byte) c.gids().length}));
            }
            case RELEASE -> {
                released.countDown();
                request.reply(new XdrInt(RELEASE));
            }
            default -> throw new IllegalStateException("unexpected procedure");
        }
    }

    /** A variable-length opaque. */
    static final class Opaque implements XdrAble {
        byte[] data;

        Opaque(byte[] data) {
            this.data = data;
        }

        @Override
        public void xdrDecode(XdrDecodingStream xdr) throws IOException {
            data = xdr.xdrDecodeDynamicOpaque();
        }

        @Override
        public void xdrEncode(XdrEncodingStream xdr) throws IOException {
            xdr.xdrEncodeDynamicOpaque(data);
        }
    }
}
