package org.webims.sip.container.router;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;
import javax.servlet.sip.ar.SipRouteModifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DarFileParserTest {
    private static final String SPEC_EXAMPLE =
            "INVITE: (\"OriginatingCallWaiting\", \"DAR:From\", \"ORIGINATING\", \"\", \"NO_ROUTE\", \"0\"),"
            + " (\"CallForwarding\", \"DAR:To\", \"TERMINATING\", \"\", \"NO_ROUTE\", \"1\")\n";

    @Test
    void acceptsTheSpecExample() {
        DarConfiguration config = DarFileParser.parse("dar.properties", SPEC_EXAMPLE);

        List<DarRoute> invite = config.routes("INVITE");
        assertEquals(2, invite.size());
        assertEquals(new DarRoute("OriginatingCallWaiting", DarSubscriber.fromHeader("From"),
                SipApplicationRoutingRegion.ORIGINATING_REGION, null, SipRouteModifier.NO_ROUTE, 0, 0), invite.get(0));
        assertEquals(new DarRoute("CallForwarding", DarSubscriber.fromHeader("To"),
                SipApplicationRoutingRegion.TERMINATING_REGION, null, SipRouteModifier.NO_ROUTE, 1, 1), invite.get(1));
        assertEquals(java.util.Set.of("INVITE"), config.methods());
    }

    @Test
    void acceptsCommentsBlankLinesContinuationsAndCrLf() {
        String text = String.join("\r\n",
                "# the DAR for the lab",
                "   ! another comment style",
                "",
                "INVITE: (\"originating-app\", \"DAR:From\", \"ORIGINATING\", \"\", \"NO_ROUTE\", \"0\"), \\",
                "        (\"terminating-app\", \"DAR:To\", \"TERMINATING\", \"\", \"NO_ROUTE\", \"1\")",
                "   ",
                "# a comment ending in a backslash does not continue \\",
                "MESSAGE = (\"im-app\", \"DAR:To\", \"TERMINATING\", \"\", \"NO_ROUTE\", \"0\")",
                "");

        DarConfiguration config = DarFileParser.parse("dar.properties", text);

        assertEquals(List.of("originating-app", "terminating-app"), names(config.routes("INVITE")));
        assertEquals(List.of("im-app"), names(config.routes("MESSAGE")));
        assertEquals(java.util.Set.of("INVITE", "MESSAGE"), config.methods());
    }

    @Test
    void acceptsBareFieldsSpacesAndEveryKeySeparator() {
        String text = """
                INVITE    ( app-a , DAR:To , TERMINATING , , NO_ROUTE , 3 )
                SUBSCRIBE=("app-b","sip:presence@example.com","NEUTRAL","","NO_ROUTE","0")
                  OPTIONS  :  (  "app-c"  ,  ""  ,  "NEUTRAL"  ,  ""  ,  "NO_ROUTE"  ,  "0"  )  \s
                """;

        DarConfiguration config = DarFileParser.parse("dar.properties", text);

        DarRoute a = config.routes("INVITE").get(0);
        assertEquals("app-a", a.applicationName());
        assertEquals(DarSubscriber.fromHeader("To"), a.subscriber());
        assertEquals(3, a.configuredState());
        DarRoute b = config.routes("SUBSCRIBE").get(0);
        assertEquals(DarSubscriber.literal("sip:presence@example.com"), b.subscriber());
        assertEquals(SipApplicationRoutingRegion.NEUTRAL_REGION, b.region());
        DarRoute c = config.routes("OPTIONS").get(0);
        assertEquals("app-c", c.applicationName());
        assertEquals(DarSubscriber.NONE, c.subscriber());
    }

    @Test
    void keepsRoutesForRouteAndRouteBack() {
        String text = """
                INVITE: ("edge", "DAR:P-Asserted-Identity", "ORIGINATING", "sip:127.0.0.1:5070;lr", "ROUTE", "0"), \\
                        ("loop", "", "NEUTRAL", "sips:scscf.example.com;transport=tcp;lr", "ROUTE_BACK", "1")
                """;

        List<DarRoute> invite = DarFileParser.parse("dar.properties", text).routes("INVITE");

        assertEquals(DarSubscriber.fromHeader("P-Asserted-Identity"), invite.get(0).subscriber());
        assertEquals(SipRouteModifier.ROUTE, invite.get(0).modifier());
        assertArrayEquals(new String[] {"sip:127.0.0.1:5070;lr"}, invite.get(0).routes());
        assertEquals(SipRouteModifier.ROUTE_BACK, invite.get(1).modifier());
        assertArrayEquals(new String[] {"sips:scscf.example.com;transport=tcp;lr"}, invite.get(1).routes());
    }

    @Test
    void noRouteEntryHandsTheContainerNoRoutes() {
        String text = "INVITE: (\"app\", \"\", \"NEUTRAL\", \"sip:ignored.example.com\", \"NO_ROUTE\", \"0\")";

        DarRoute route = DarFileParser.parse("dar.properties", text).routes("INVITE").get(0);

        assertEquals("sip:ignored.example.com", route.route());
        assertArrayEquals(new String[0], route.routes());
    }

    @Test
    void acceptsAMethodWithNoApplicationsAndEscapesInKeys() {
        String text = "BYE:\n\\u0049NVITE: (\"app\", \"\", \"NEUTRAL\", \"\", \"NO_ROUTE\", \"0\")\n";

        DarConfiguration config = DarFileParser.parse("dar.properties", text);

        assertEquals(List.of(), config.routes("BYE"));
        assertEquals(List.of("app"), names(config.routes("INVITE")));
        assertEquals(List.of(), config.routes("REGISTER"));
    }

    static Stream<Arguments> malformedLines() {
        String good = "(\"app\", \"DAR:From\", \"ORIGINATING\", \"\", \"NO_ROUTE\", \"0\")";
        return Stream.of(
                Arguments.of("INVITE: (\"app\", \"DAR:From\", \"ORIGINATED\", \"\", \"NO_ROUTE\", \"0\")",
                        "INVITE router info 1 (app): unknown routing region \"ORIGINATED\"; expected ORIGINATING, TERMINATING or NEUTRAL"),
                Arguments.of("INVITE: (\"app\", \"DAR:From\", \"originating\", \"\", \"NO_ROUTE\", \"0\")",
                        "unknown routing region \"originating\""),
                Arguments.of("INVITE: (\"app\", \"DAR:From\", \"ORIGINATING\", \"\", \"NOROUTE\", \"0\")",
                        "INVITE router info 1 (app): unknown route modifier \"NOROUTE\"; expected ROUTE, ROUTE_BACK or NO_ROUTE"),
                Arguments.of("INVITE: (\"app\", \"DAR:From\", \"ORIGINATING\", \"\", \"NO_ROUTE\")",
                        "INVITE router info 1 has 5 fields; expected 6: application, subscriber, region, route, route modifier, state info"),
                Arguments.of("INVITE: " + good + ", (\"b\", \"\", \"NEUTRAL\", \"\", \"NO_ROUTE\", \"1\", \"extra\")",
                        "INVITE router info 2 has 7 fields; expected 6"),
                Arguments.of("INVITE: (\"app\", \"DAR:From\", \"ORIGINATING\", \"\", \"ROUTE\", \"0\")",
                        "INVITE router info 1 (app): route modifier ROUTE needs a SIP route, found none"),
                Arguments.of("INVITE: (\"app\", \"DAR:From\", \"ORIGINATING\", \"\", \"ROUTE_BACK\", \"0\")",
                        "route modifier ROUTE_BACK needs a SIP route, found none"),
                Arguments.of("INVITE: (\"app\", \"DAR:From\", \"ORIGINATING\", \"tel:+15551234\", \"ROUTE\", \"0\")",
                        "INVITE router info 1 (app): route \"tel:+15551234\" is not a SIP URI (sip: or sips:)"),
                Arguments.of("INVITE: (\"app\", \"DAR:From\", \"ORIGINATING\", \"sip:a b\", \"ROUTE\", \"0\")",
                        "route \"sip:a b\" is not a SIP URI"),
                Arguments.of("INVITE: (\"app\", \"DAR:From\", \"ORIGINATING\", \"sip:\", \"ROUTE\", \"0\")",
                        "route \"sip:\" is not a SIP URI"),
                Arguments.of("INVITE: (\"app\", \"DAR:From\", \"ORIGINATING\", \"\", \"NO_ROUTE\", \"first\")",
                        "INVITE router info 1 (app): state info \"first\" is not a non-negative integer"),
                Arguments.of("INVITE: (\"\", \"DAR:From\", \"ORIGINATING\", \"\", \"NO_ROUTE\", \"0\")",
                        "INVITE router info 1: empty application name"),
                Arguments.of("INVITE: (\"app\", \"DAR:\", \"ORIGINATING\", \"\", \"NO_ROUTE\", \"0\")",
                        "subscriber \"DAR:\" does not name a header (DAR:HeaderName)"),
                Arguments.of("INVITE: (\"app\", \"DAR:From\", \"ORIGINATING, \"\", \"NO_ROUTE\", \"0\")",
                        "INVITE unexpected '\"' in router info 1"),
                Arguments.of("INVITE: (\"app\", \"DAR:From\", \"ORIGINATING\", \"\", \"NO_ROUTE\", \"0\"",
                        "INVITE missing ')' to close router info 1"),
                Arguments.of("INVITE: (\"app\", \"DAR:From\", \"ORIGINATING\", \"\", \"NO_ROUTE\", \"0)",
                        "INVITE unterminated quoted field in router info 1"),
                Arguments.of("INVITE: " + good + ",", "INVITE trailing ',' after router info 1"),
                Arguments.of("INVITE: " + good + " " + good,
                        "INVITE expected ',' or the end of the line after router info 1, found '('"),
                Arguments.of("INVITE: \"app\", \"DAR:From\"", "INVITE expected '(' to open router info 1, found '\"'"),
                Arguments.of("INV@ITE: " + good, "method \"INV@ITE\" is not a SIP method name"),
                Arguments.of(": " + good, "missing method name before the router infos"),
                Arguments.of("INVITE: " + good + " \\u00ZZ", "malformed \\uxxxx escape"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("malformedLines")
    void malformedLineNamesFileLineAndReason(String badLine, String reason) {
        String text = "# routing for the lab\n"
                + "MESSAGE: (\"im\", \"DAR:To\", \"TERMINATING\", \"\", \"NO_ROUTE\", \"0\")\n"
                + badLine + "\n"
                + "OPTIONS: (\"ping\", \"\", \"NEUTRAL\", \"\", \"NO_ROUTE\", \"0\")\n";

        DarFileException e = assertThrows(DarFileException.class, () -> DarFileParser.parse("conf/dar.properties", text));

        assertEquals("conf/dar.properties", e.source());
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("conf/dar.properties:3: "), e.getMessage());
        assertTrue(e.reason().contains(reason), () -> "reason was: " + e.reason());
    }

    @Test
    void duplicateMethodLineNamesBothLines() {
        String text = "INVITE: (\"a\", \"\", \"NEUTRAL\", \"\", \"NO_ROUTE\", \"0\")\n"
                + "\n"
                + "INVITE: (\"b\", \"\", \"NEUTRAL\", \"\", \"NO_ROUTE\", \"0\")\n";

        DarFileException e = assertThrows(DarFileException.class, () -> DarFileParser.parse("dar.properties", text));

        assertEquals("dar.properties:3: duplicate line for method INVITE (first at line 1)", e.getMessage());
    }

    @Test
    void errorOnAContinuationLineNamesThatPhysicalLine() {
        String text = "# lab\n"
                + "INVITE: (\"a\", \"DAR:From\", \"ORIGINATING\", \"\", \"NO_ROUTE\", \"0\"), \\\n"
                + "        (\"b\", \"DAR:To\", \"TERMINATING\", \"\", \"NO_ROUTE\", \"1\"), \\\n"
                + "        (\"c\", \"DAR:To\", \"TERMINATING\", \"\", \"REROUTE\", \"2\")\n";

        DarFileException e = assertThrows(DarFileException.class, () -> DarFileParser.parse("dar.properties", text));

        assertEquals(4, e.line());
        assertEquals("dar.properties:4: INVITE router info 3 (c): unknown route modifier \"REROUTE\"; "
                + "expected ROUTE, ROUTE_BACK or NO_ROUTE", e.getMessage());
    }

    @Test
    void readsAFileByPathAndByFileUrl(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dar.properties");
        Files.writeString(file, SPEC_EXAMPLE, StandardCharsets.UTF_8);

        DarConfiguration byPath = DarFileParser.read(file.toString());
        DarConfiguration byUrl = DarFileParser.read(file.toUri().toString());

        assertEquals(List.of("OriginatingCallWaiting", "CallForwarding"), names(byPath.routes("INVITE")));
        assertEquals(byPath, byUrl);
    }

    @Test
    void errorsInAReadFileNameThePath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dar.properties");
        Files.writeString(file, "\n\nINVITE: (\"app\")\n", StandardCharsets.UTF_8);

        DarFileException e = assertThrows(DarFileException.class, () -> DarFileParser.read(file.toUri().toString()));

        assertEquals(file + ":3: INVITE router info 1 has 1 fields; expected 6: application, subscriber, region, "
                + "route, route modifier, state info", e.getMessage());
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("absent.properties");

        DarFileException e = assertThrows(DarFileException.class, () -> DarFileParser.read(missing.toString()));

        assertEquals(missing.toString(), e.source());
        assertEquals(0, e.line());
        assertTrue(e.getMessage().startsWith(missing + ": cannot read the file"), e.getMessage());
    }

    @Test
    void refusesLocationsThatAreNotFiles() {
        DarFileException e = assertThrows(DarFileException.class,
                () -> DarFileParser.read("http://127.0.0.1/dar.properties"));

        assertEquals("http://127.0.0.1/dar.properties: only file: URLs and paths are supported", e.getMessage());
    }

    @Test
    void parsesPropertiesLikeTheFile() {
        Properties properties = new Properties();
        properties.setProperty("INVITE", SPEC_EXAMPLE.substring("INVITE: ".length()).strip());

        DarConfiguration config = DarFileParser.parse("init(Properties)", properties);

        assertEquals(DarFileParser.parse("dar.properties", SPEC_EXAMPLE), config);
    }

    @Test
    void malformedPropertyNamesSourceAndMethod() {
        Properties properties = new Properties();
        properties.setProperty("SUBSCRIBE", "(\"app\", \"\", \"SIDEWAYS\", \"\", \"NO_ROUTE\", \"0\")");

        DarFileException e = assertThrows(DarFileException.class,
                () -> DarFileParser.parse("init(Properties)", properties));

        assertEquals("init(Properties): SUBSCRIBE router info 1 (app): unknown routing region \"SIDEWAYS\"; "
                + "expected ORIGINATING, TERMINATING or NEUTRAL", e.getMessage());
    }

    private static List<String> names(List<DarRoute> routes) {
        return routes.stream().map(DarRoute::applicationName).toList();
    }
}
