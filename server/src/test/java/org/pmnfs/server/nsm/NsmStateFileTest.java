package org.pmnfs.server.nsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmnfs.server.nlm.ClientHost;
import org.pmnfs.server.portmap.mapping;

/** The NSM state file: what is written reads back, damage is refused with the line, and the store bumps states. */
class NsmStateFileTest {

    @TempDir
    Path dir;

    @Test
    void whatIsWrittenReadsBack() throws IOException {
        Path f = dir.resolve("pool.nsm");
        NsmState s = new NsmState(7, "boot-1",
                List.of(new ClientHost("vmh-guest", InetAddress.getByName("127.0.0.1")),
                        new ClientHost("odd name\nwith/slash %", InetAddress.getByName("::1")),
                        new ClientHost("", InetAddress.getByName("10.0.0.9"))),
                List.of(new Monitor("127.0.0.1", "vmh-guest", 100021, 3, 16, new byte[16])),
                List.of(new mapping(100021, 4, mapping.IPPROTO_TCP, 38581)));
        NsmStateFile.write(f, s);
        NsmState back = NsmStateFile.read(f, "other");
        assertEquals(s.state(), back.state());
        assertEquals("boot-1", back.bootId());
        assertEquals(s.clients(), back.clients());
        assertEquals(s.monitors(), back.monitors());
        assertEquals(s.locals().get(0).toString(), back.locals().get(0).toString());
        assertFalse(Files.exists(dir.resolve("pool.nsm.tmp")), "the temporary file was renamed over the old one");
    }

    @Test
    void aMissingFileIsAFreshState() throws IOException {
        NsmState s = NsmStateFile.read(dir.resolve("none.nsm"), "b");
        assertEquals(0, s.state());
        assertTrue(s.isEmpty());
    }

    @Test
    void damageIsRefusedNamingTheLine() throws IOException {
        Path f = dir.resolve("bad.nsm");
        Files.writeString(f, "pmnfs-nsm 1\nstate 3\nclient vmh-guest not-an-address\n");
        IOException e = assertThrows(IOException.class, () -> NsmStateFile.read(f, "b"));
        assertTrue(e.getMessage().contains("bad.nsm:3"), e.getMessage());
        Files.writeString(f, "something else\n");
        e = assertThrows(IOException.class, () -> NsmStateFile.read(f, "b"));
        assertTrue(e.getMessage().contains("not a pmnfs NSM state file"), e.getMessage());
        Files.writeString(f, "pmnfs-nsm 1\nfrobnicate 1\n");
        e = assertThrows(IOException.class, () -> NsmStateFile.read(f, "b"));
        assertTrue(e.getMessage().contains("unknown entry 'frobnicate'"), e.getMessage());
    }

    @Test
    void everyStartIsANewOddStateAndClientsAreWrittenAtOnce() throws IOException {
        Path f = dir.resolve("s.nsm");
        NsmStore a = NsmStore.open(f, "boot-1");
        assertEquals(1, a.restart("boot-1"));
        ClientHost c = new ClientHost("c", InetAddress.getByName("127.0.0.2"));
        a.addClient(c);
        a.addMonitor(new Monitor("server", "me", 100021, 3, 16, new byte[16]));
        new org.pmnfs.server.portmap.LocalRegistrations(a::setLocals).set(new mapping(100021, 3, mapping.IPPROTO_UDP, 999));
        NsmStore b = NsmStore.open(f, "boot-1");
        assertEquals(List.of(c), b.found().clients(), "on disk before addClient returned");
        assertEquals(1, b.found().locals().size());
        assertEquals(3, b.restart("boot-1"));
        assertEquals(1, b.locals().size(), "same boot: the local registrations stay");
        NsmStore after = NsmStore.open(f, "boot-2");
        assertEquals(5, after.restart("boot-2"));
        assertTrue(after.locals().isEmpty(), "another boot: the registrations of the last one are gone");
        assertEquals(1, after.monitors().size(), "monitors are dropped by the notifier once the servers are told");
        assertEquals(7, after.bumpState());
    }
}
