package org.webims.media.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.transport.PortRange;

/** The web side's interface list (media.web.bind-address, --web-bind) and the allocators a node makes of it. */
class WebInterfaceListTest {

    static final MediaInterface SHARED = new MediaInterface(ip("10.0.0.5"), ip("203.0.113.7"));

    static InetAddress ip(String literal) {
        return MediaInterface.literal(literal);
    }

    static String error(String listed) {
        return assertThrows(IllegalArgumentException.class,
                () -> WebInterfaceList.resolve(SHARED, listed, null, "--web-public")).getMessage();
    }

    @Test
    void noListKeepsTheOneSharedInterfaceAsBefore() {
        assertEquals(List.of(SHARED), WebInterfaceList.resolve(SHARED, null, null, "--web-public"));
        assertEquals(List.of(new MediaInterface(ip("10.0.0.5"), ip("198.51.100.9"))),
                WebInterfaceList.resolve(SHARED, null, ip("198.51.100.9"), "--web-public"));
    }

    @Test
    void oneEntryIsTheSingleAddressWithThePublicKeyAsItsPublicAddress() {
        assertEquals(List.of(new MediaInterface(ip("192.0.2.10"), null)),
                WebInterfaceList.resolve(SHARED, "192.0.2.10", null, "--web-public"),
                "a side of its own does not take the shared NAT address (decision 0074)");
        assertEquals(List.of(new MediaInterface(ip("192.0.2.10"), ip("198.51.100.9"))),
                WebInterfaceList.resolve(SHARED, "192.0.2.10", ip("198.51.100.9"), "--web-public"));
    }

    @Test
    void eachEntryBindsAnAddressWithItsOwnPublicAddressTheKeyGivingTheFirstOne() {
        assertEquals(List.of(new MediaInterface(ip("10.0.0.5"), ip("203.0.113.7")),
                        new MediaInterface(ip("10.0.1.5"), null),
                        new MediaInterface(ip("10.0.2.5"), ip("198.51.100.9"))),
                WebInterfaceList.resolve(SHARED, " 10.0.0.5=203.0.113.7 , 10.0.1.5,10.0.2.5=198.51.100.9", null,
                        "--web-public"));
        assertEquals(List.of(new MediaInterface(ip("10.0.0.5"), ip("203.0.113.7")), new MediaInterface(ip("10.0.1.5"), null)),
                WebInterfaceList.resolve(SHARED, "10.0.0.5,10.0.1.5", ip("203.0.113.7"), "--web-public"));
    }

    @Test
    void aBadEntryIsNamedWithWhatIsWrong() {
        assertEquals("entry 'web.example.net': 'web.example.net' is not an IP address", error("10.0.0.5,web.example.net"));
        assertEquals("entry '10.0.1.5=nat': 'nat' is not an IP address", error("10.0.0.5, 10.0.1.5=nat"));
        assertEquals("an empty entry in '10.0.0.5,'", error("10.0.0.5,"));
        assertEquals("entry '10.0.0.5=203.0.113.7': 10.0.0.5 is listed twice", error("10.0.0.5,10.0.0.5=203.0.113.7"));
        assertEquals("entry '0.0.0.0': a wildcard address binds every interface, so it cannot be one of several",
                error("10.0.0.5,0.0.0.0"));
        assertEquals("entry '10.0.0.5=203.0.113.7' has its own public address and --web-public gives another;"
                + " give it once", assertThrows(IllegalArgumentException.class, () -> WebInterfaceList.resolve(
                        SHARED, "10.0.0.5=203.0.113.7,10.0.1.5", ip("198.51.100.9"), "--web-public")).getMessage());
    }

    /** One allocator per web address; the IMS side shares the one of a web interface on its address. */
    @Test
    void aNodeHasAnAllocatorPerWebInterfaceInOrder() throws Exception {
        MediaNodeSettings settings = MediaNodeSettings.loopback(new PortRange(40000, 40099)).withInterfaces(
                List.of(new MediaInterface(ip("127.0.0.3"), ip("192.0.2.10")), new MediaInterface(ip("127.0.0.2"), null)),
                new MediaInterface(ip("127.0.0.2"), null));
        try (MediaNode node = MediaNode.start(settings, FormatAdapterFactory.NONE)) {
            assertEquals(List.of(ip("127.0.0.3"), ip("127.0.0.2")),
                    node.webPortsPerInterface().stream().map(a -> a.bindAddress()).toList());
            assertSame(node.webPortsPerInterface().get(0), node.webPorts(), "the first is the c= line's");
            assertSame(node.webPortsPerInterface().get(1), node.imsPorts());
            assertEquals(new MediaInterface(ip("127.0.0.3"), ip("192.0.2.10")), node.settings().web());
        }
    }
}
