package org.pmnfs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** Parsing of --listen. */
class ListenAddressTest {

    @Test
    void parsesHostPortIpv6AndWildcard() {
        InetSocketAddress v4 = ListenAddress.parse("127.0.0.1:2049");
        assertEquals("127.0.0.1", v4.getAddress().getHostAddress());
        assertEquals(2049, v4.getPort());
        InetSocketAddress v6 = ListenAddress.parse("[::1]:2050");
        assertEquals(2050, v6.getPort());
        assertTrue(v6.getAddress().isLoopbackAddress());
        InetSocketAddress any = ListenAddress.parse(":0");
        assertTrue(any.getAddress().isAnyLocalAddress());
    }

    @Test
    void rejectsWhatIsNotAnAddress() {
        assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse("2049"));
        assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse("127.0.0.1:x"));
        assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse("127.0.0.1:-1"));
        assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse("::1:2049"));
        assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse("no-such-host.invalid:2049"));
    }
}
