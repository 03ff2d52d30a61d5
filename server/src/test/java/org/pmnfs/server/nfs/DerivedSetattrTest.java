package org.pmnfs.server.nfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pmnfs.memory.MemoryBackend;
import org.pmnfs.server.testing.TestServer;
import org.pmnfs.vfs.CreateMode;
import org.pmnfs.vfs.Credentials;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.FileSystemBackend;
import org.pmnfs.vfs.JukeboxException;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.SetIdRules;
import org.pmnfs.vfs.WccData;

/**
 * {@link DerivedSetattr} when another client's change slips in between the attributes a mode was
 * worked out from and the SETATTR that applies it: the stale mode is never written over it.
 */
class DerivedSetattrTest {

    private static final Credentials WRITER = new Credentials(1003, 1003, null);

    private MemoryBackend memory;
    private FileHandle file;
    private final AtomicInteger guardedCalls = new AtomicInteger();

    /** What another client does at the worst moment. */
    @FunctionalInterface
    private interface Racer {
        void run() throws IOException;
    }

    @BeforeEach
    void setUp() throws IOException {
        memory = TestServer.memory();
        file = memory.create(memory.root(), FileName.of("f"), CreateMode.GUARDED,
                SetAttributes.ofMode(04777).withOwner(1000, 1000), 0).handle();
    }

    @AfterEach
    void tearDown() throws IOException {
        memory.close();
    }

    @Test
    void aChmodThatSlipsInIsKeptAndTheBitsStillGo() throws IOException {
        FileAttributes first = memory.getattr(file);
        FileSystemBackend backend = racing(1, () -> memory.setattr(file, SetAttributes.ofMode(04700), null));
        WccData w = DerivedSetattr.apply(backend, file, first, DerivedSetattrTest::clearForWrite);
        assertEquals("0700", oct(w.after().mode()), "the owner's chmod 4700 stays, minus setuid");
        assertEquals("0700", oct(memory.getattr(file).mode()));
        assertEquals(2, guardedCalls.get(), "one refused by the guard, one applied");
    }

    @Test
    void nothingIsAppliedWhenFreshAttributesNeedNoChange() throws IOException {
        FileAttributes first = memory.getattr(file);
        FileSystemBackend backend = racing(1, () -> memory.setattr(file, SetAttributes.ofMode(0640), null));
        assertNull(DerivedSetattr.apply(backend, file, first, DerivedSetattrTest::clearForWrite));
        assertEquals("0640", oct(memory.getattr(file).mode()));
    }

    @Test
    void aStormOfChangesEndsInJukeboxAfterBoundedAttempts() throws IOException {
        FileAttributes first = memory.getattr(file);
        FileSystemBackend backend = racing(Integer.MAX_VALUE, () -> memory.setattr(file, SetAttributes.ofMode(04777), null));
        assertThrows(JukeboxException.class, () -> DerivedSetattr.apply(backend, file, first, DerivedSetattrTest::clearForWrite));
        assertEquals(DerivedSetattr.ATTEMPTS, guardedCalls.get());
        assertEquals("04777", oct(memory.getattr(file).mode()), "nothing of the stale modes was applied");
    }

    @Test
    void applyOnceLeavesAChangeThatCameAfterAlone() throws IOException {
        FileAttributes seen = memory.getattr(file);
        FileSystemBackend backend = racing(1, () -> memory.setattr(file, SetAttributes.ofMode(04700), null));
        assertNull(DerivedSetattr.applyOnce(backend, file, seen, SetAttributes.ofMode(0777)));
        assertEquals("04700", oct(memory.getattr(file).mode()));
        assertEquals(0777, DerivedSetattr.applyOnce(memory, file, memory.getattr(file), SetAttributes.ofMode(0777)).after().mode());
    }

    private static SetAttributes clearForWrite(FileAttributes a) {
        int mode = SetIdRules.modeForWrite(a, WRITER);
        return mode == a.mode() ? null : SetAttributes.ofMode(mode);
    }

    /** The memory backend, where the first {@code races} guarded SETATTRs each let {@code racer} run first. */
    private FileSystemBackend racing(int races, Racer racer) {
        AtomicInteger left = new AtomicInteger(races);
        return (FileSystemBackend) Proxy.newProxyInstance(FileSystemBackend.class.getClassLoader(),
                new Class<?>[] {FileSystemBackend.class}, (proxy, method, args) -> {
                    if (method.getName().equals("setattr") && args[2] != null) {
                        guardedCalls.incrementAndGet();
                        if (left.getAndDecrement() > 0) {
                            racer.run();
                        }
                    }
                    try {
                        return method.invoke(memory, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static String oct(int mode) {
        return "0" + Integer.toOctalString(mode);
    }
}
