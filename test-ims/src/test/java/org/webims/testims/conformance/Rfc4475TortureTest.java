package org.webims.testims.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.webims.testims.conformance.TortureExpectation.answer;
import static org.webims.testims.conformance.TortureExpectation.silence;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.sip.header.AcceptHeader;
import javax.sip.header.AllowHeader;
import javax.sip.header.UnsupportedHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.webims.gateway.Gateway;
import org.webims.gateway.config.GatewayConfigLoader;
import org.webims.gateway.config.GatewaySettings;
import org.webims.testims.net.FreePorts;

/**
 * RFC 4475: every torture message, byte-exact, over UDP, TCP and WebSocket to the gateway with no
 * application deployed. The answer must be one the corpus README's table (the RFC's rules)
 * allows, a TCP connection whose framing is lost must be closed, and after each message a valid
 * OPTIONS on the same transport must still get 200.
 *
 * <p>With no application the container is the endpoint for every Request-URI: it answers OPTIONS
 * itself (200), is not a registrar (REGISTER 405), and has no user to take an INVITE or MESSAGE
 * (404, RFC 3261 §8.2.2.1, which comes before the body checks of §8.2.3). Rows whose table entry
 * assumes an endpoint that does accept the Request-URI say below what that means for us.
 */
class Rfc4475TortureTest {
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(10);
    /** After the probe's 200, how long stray answers to the torture message may still arrive (UDP reorders). */
    private static final Duration STRAGGLERS = Duration.ofMillis(300);
    /** The gateway closes a stream holding an incomplete message after this many seconds. */
    private static final int INCOMPLETE_MESSAGE_SECONDS = 1;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(INCOMPLETE_MESSAGE_SECONDS + 10L);
    private static final AtomicLong PROBES = new AtomicLong();

    private static final Map<String, TortureExpectation.Row> TABLE = table();
    /** What each (message, transport) got, for the report: message -> transport -> outcome. */
    private static final Map<String, Map<String, String>> OBSERVED = new ConcurrentSkipListMap<>();

    /** The gateways the cases share, by slot ({@link #slot}); started on first use, closed after the class. */
    private static final Map<Integer, RunningGateway> GATEWAYS = new HashMap<>();
    /** Each message's rank among the corpus messages whose top Via has the same branch and sent-by. */
    private static final Map<String, Integer> RANK = ranks();

    private record RunningGateway(Gateway gateway, int sipPort, int wsPort) {
    }

    /**
     * Which gateway a case goes to. The corpus reuses a branch with the same sent-by (cparam01 and
     * cparam02, for one) and each message goes over three transports, and RFC 3261 §17.2.3 rightly
     * takes a request that matches a live transaction for a retransmission of it. So no gateway
     * sees the same branch and sent-by twice.
     */
    private static int slot(String name, String transport) {
        return RANK.getOrDefault(name, 0) * 3 + List.of("UDP", "TCP", "WS").indexOf(transport);
    }

    private static Map<String, Integer> ranks() {
        Map<String, Integer> seen = new HashMap<>();
        Map<String, Integer> rank = new HashMap<>();
        for (String name : Rfc4475Corpus.names()) {
            String key = name;
            try {
                if (RawSipPeer.parse(Rfc4475Corpus.bytes(name)) instanceof SIPRequest request
                        && request.getTopmostVia() != null && request.getTopmostVia().getBranch() != null) {
                    key = (request.getTopmostVia().getBranch() + "|" + request.getTopmostVia().getSentBy().encode())
                            .toLowerCase(java.util.Locale.ROOT);
                }
            } catch (java.text.ParseException unparseable) {
                // makes no transaction: a key of its own
            }
            rank.put(name, seen.merge(key, 1, Integer::sum) - 1);
        }
        return rank;
    }

    private static synchronized RunningGateway gateway(int slot) throws Exception {
        RunningGateway running = GATEWAYS.get(slot);
        if (running == null) {
            int sipPort = FreePorts.tcpAndUdp();
            int wsPort = FreePorts.tcpAndUdp();
            GatewaySettings settings = GatewaySettings.from(new GatewayConfigLoader(Map.of()).load(List.of(
                    "--sip.udp.listen=127.0.0.1:" + sipPort,
                    "--sip.tcp.listen=127.0.0.1:" + sipPort,
                    "--sip.ws.listen=127.0.0.1:" + wsPort,
                    "--sip.incomplete-message-seconds=" + INCOMPLETE_MESSAGE_SECONDS,
                    // the corpus judges the container (issue 3): no application, so the expected
                    // answers are those of RFC 4475's "no application" cases
                    "--http.listen=off", "--kurento.listen=off", "--interworking.enabled=false")));
            running = new RunningGateway(Gateway.start(settings), sipPort, wsPort);
            GATEWAYS.put(slot, running);
        }
        return running;
    }

    @AfterAll
    static void stopGatewaysAndReport() throws Exception {
        // each close waits out JAIN-SIP's stop; the gateways share nothing, so they stop side by side
        List<Thread> closing = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (RunningGateway g : GATEWAYS.values()) {
            Thread t = new Thread(() -> g.gateway().close(), "close-gateway-" + g.sipPort());
            t.setUncaughtExceptionHandler((thread, e) -> failures.add(e));
            t.start();
            closing.add(t);
        }
        for (Thread t : closing) {
            t.join();
        }
        GATEWAYS.clear();
        StringBuilder report = new StringBuilder("| message | UDP | TCP | WS |\n| --- | --- | --- | --- |\n");
        OBSERVED.forEach((name, byTransport) -> report.append("| ").append(name).append(" | ")
                .append(byTransport.getOrDefault("UDP", "-")).append(" | ")
                .append(byTransport.getOrDefault("TCP", "-")).append(" | ")
                .append(byTransport.getOrDefault("WS", "-")).append(" |\n"));
        Path out = Path.of("target", "rfc4475-results.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        if (!failures.isEmpty()) {
            throw new AssertionError("a gateway failed to close", failures.get(0));
        }
    }

    static Stream<Arguments> messagesAndTransports() {
        return Rfc4475Corpus.names().stream()
                .flatMap(name -> Stream.of("UDP", "TCP", "WS").map(t -> Arguments.of(name, t)));
    }

    @Test
    void everyCorpusMessageHasARowInTheTable() {
        Set<String> missing = new TreeSet<>(Rfc4475Corpus.names());
        missing.removeAll(TABLE.keySet());
        assertEquals(Set.of(), missing, "corpus messages with no expectation");
        assertEquals(50, Rfc4475Corpus.names().size(), "49 RFC 4475 messages plus test.dat");
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("messagesAndTransports")
    void tortureMessageGetsTheAnswerTheRfcAsksAndTheServerCarriesOn(String name, String transport) throws Exception {
        TortureExpectation expected = TABLE.get(name).on(transport);
        assertNotNull(expected, "no expectation for " + name);
        RunningGateway gateway = gateway(slot(name, transport));
        // Answers to two requests on one stream (dblreq) may come in either order; judge the
        // answer to the message's first request, found by its CSeq method.
        String firstMethod = new String(Rfc4475Corpus.bytes(name), StandardCharsets.ISO_8859_1).split(" ", 2)[0];
        List<SIPResponse> answers = new ArrayList<>();
        boolean closed;
        try (RawSipPeer peer = open(transport, gateway)) {
            peer.send(Rfc4475Corpus.bytes(name));
            if (expected.closesConnection()) {
                collectUntilClosed(peer, answers);
                closed = peer.closedByServer();
                try (RawSipPeer fresh = open(transport, gateway)) {
                    // only the fresh connection's 200 is judged: no answer that comes later can change that
                    probeGets200(transport, fresh, new ArrayList<>(), got -> true);
                }
            } else {
                probeGets200(transport, peer, answers, got -> judgedOverUdp(expected, transport, firstMethod, got));
                closed = peer.closedByServer();
            }
        }
        List<Integer> statuses = answers.stream().map(SIPResponse::getStatusCode).toList();
        OBSERVED.computeIfAbsent(name, k -> new ConcurrentSkipListMap<>()).put(transport, describe(answers, closed));

        if (expected.silent()) {
            assertEquals(List.of(), statuses, name + " over " + transport + ": " + expected.rule());
        } else {
            assertFalse(answers.isEmpty(), name + " over " + transport + " got no answer; " + expected.rule());
            SIPResponse first = answers.stream()
                    .filter(r -> r.getCSeq() != null && firstMethod.equals(r.getCSeq().getMethod()))
                    .findFirst().orElse(answers.get(0));
            assertTrue(expected.statuses().contains(first.getStatusCode()),
                    name + " over " + transport + " got " + first.getStatusLine().encode().trim()
                            + ", allowed " + expected.statuses() + ": " + expected.rule());
            if (expected.onlyFirstMessage()) {
                assertEquals(1, answers.size(), "octets after the first message are ignored: " + statuses);
            }
            EXTRA_CHECKS.getOrDefault(name, (r, t) -> { }).accept(first, transport);
            if (first.getStatusCode() >= 400) {
                String reason = first.getReasonPhrase();
                assertTrue(reason != null && !reason.isBlank(), "a reason phrase on " + first.getStatusCode());
            }
        }
        if (transport.equals("TCP")) {
            assertEquals(expected.closesConnection(), closed,
                    expected.closesConnection() ? "framing lost: the TCP connection must close"
                            : "framing intact: the TCP connection must stay open");
        } else {
            assertFalse(closed, "a " + transport + " connection stays open: the message boundary is known");
        }
    }

    /**
     * RFC 4475 §3.3.6 (invut) asks 415 of an endpoint that takes the request. The container with
     * no application takes OPTIONS itself, so an OPTIONS with that body shows its 415.
     */
    @ParameterizedTest(name = "over {0}")
    @MethodSource("transports")
    void optionsWithABodyOfUnknownTypeGets415WithAccept(String transport) throws Exception {
        String invut = new String(Rfc4475Corpus.bytes("invut"), StandardCharsets.ISO_8859_1)
                .replace("INVITE sip:", "OPTIONS sip:").replace("CSeq: 235448 INVITE", "CSeq: 235448 OPTIONS")
                .replace("branch=z9hG4bKkdjuw", "branch=z9hG4bKoptions415");
        List<SIPResponse> answers = new ArrayList<>();
        try (RawSipPeer peer = open(transport, gateway(slot("invut", transport)))) {
            peer.send(invut.getBytes(StandardCharsets.ISO_8859_1));
            probeGets200(transport, peer, answers, got -> false);
        }
        assertFalse(answers.isEmpty(), "an answer");
        assertEquals(415, answers.get(0).getStatusCode(), answers.get(0).getFirstLine());
        AcceptHeader accept = (AcceptHeader) answers.get(0).getHeader(AcceptHeader.NAME);
        assertNotNull(accept, "415 carries Accept (RFC 3261 §21.4.13)");
        assertEquals("application/sdp", accept.getContentType() + "/" + accept.getContentSubType());
    }

    /**
     * Whether the answer this case judges is already in, so that no straggler can change the
     * verdict: over UDP (no connection to watch for a close), for a case that expects an answer
     * (a silent case must wait out the stragglers) and is not judged on the number of answers,
     * once an answer to the message's first request arrived (the first such answer is the one judged).
     */
    private static boolean judgedOverUdp(TortureExpectation expected, String transport, String firstMethod,
                                         List<SIPResponse> got) {
        return transport.equals("UDP") && !expected.silent() && !expected.onlyFirstMessage()
                && got.stream().anyMatch(r -> r.getCSeq() != null && firstMethod.equals(r.getCSeq().getMethod()));
    }

    static Stream<String> transports() {
        return Stream.of("UDP", "TCP", "WS");
    }

    private static RawSipPeer open(String transport, RunningGateway gateway) throws Exception {
        return switch (transport) {
            case "UDP" -> new UdpPeer(gateway.sipPort());
            case "TCP" -> new TcpPeer(gateway.sipPort());
            case "WS" -> new WsPeer(gateway.wsPort());
            default -> throw new IllegalArgumentException(transport);
        };
    }

    private static void collectUntilClosed(RawSipPeer peer, List<SIPResponse> answers) throws Exception {
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        while (!peer.closedByServer() && System.nanoTime() < deadline) {
            SIPMessage message = peer.receive(Duration.ofMillis(500));
            if (message instanceof SIPResponse response && response.getStatusCode() >= 200) {
                answers.add(response);
            }
        }
    }

    /**
     * Sends a valid OPTIONS on {@code peer} and waits for its 200; every other final answer that
     * arrives meanwhile (and shortly after, unless {@code judged} says the answers so far settle
     * the case) goes to {@code answers}.
     */
    private static void probeGets200(String transport, RawSipPeer peer, List<SIPResponse> answers,
                                     Predicate<List<SIPResponse>> judged) throws Exception {
        String callId = "probe-" + PROBES.incrementAndGet() + "-" + System.nanoTime();
        String probe = "OPTIONS sip:probe@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/" + peer.transportToken() + " " + peer.viaSentBy() + ";rport;branch=z9hG4bK" + callId + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:tester@127.0.0.1>;tag=" + callId + "\r\n"
                + "To: <sip:probe@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Accept: application/sdp\r\n"
                + "Content-Length: 0\r\n\r\n";
        peer.send(probe.getBytes(StandardCharsets.US_ASCII));
        SIPResponse probeAnswer = null;
        long deadline = System.nanoTime() + ANSWER_WAIT.toNanos();
        while (probeAnswer == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || peer.closedByServer()) {
                fail("a valid OPTIONS over " + transport + " got no answer after the torture message"
                        + (peer.closedByServer() ? " (server closed the connection)" : ""));
            }
            SIPMessage message = peer.receive(Duration.ofNanos(left));
            if (message instanceof SIPResponse response && response.getStatusCode() >= 200) {
                if (callId.equals(response.getCallId() == null ? null : response.getCallId().getCallId())) {
                    probeAnswer = response;
                } else {
                    answers.add(response);
                }
            }
        }
        assertEquals(200, probeAnswer.getStatusCode(), "the server carries on: " + probeAnswer.getFirstLine());
        if (judged.test(answers)) {
            return;
        }
        for (SIPMessage late; (late = peer.receive(STRAGGLERS)) != null; ) {
            if (late instanceof SIPResponse response && response.getStatusCode() >= 200) {
                answers.add(response);
            }
        }
    }

    private static String describe(List<SIPResponse> answers, boolean closed) {
        StringBuilder s = new StringBuilder();
        if (answers.isEmpty()) {
            s.append("silence");
        }
        for (SIPResponse r : answers) {
            if (s.length() > 0) {
                s.append(", ");
            }
            s.append(r.getStatusCode()).append(' ').append(r.getReasonPhrase());
        }
        return closed ? s + " (closed)" : s.toString();
    }

    private static final Map<String, BiConsumer<SIPResponse, String>> EXTRA_CHECKS = extraChecks();

    private static Map<String, BiConsumer<SIPResponse, String>> extraChecks() {
        Map<String, BiConsumer<SIPResponse, String>> checks = new HashMap<>();
        // RFC 3261 §8.2.2.3: 420 lists the Require tags not supported in Unsupported
        checks.put("bext01", (r, t) -> {
            List<String> tags = new ArrayList<>();
            for (Iterator<?> it = r.getHeaders(UnsupportedHeader.NAME); it.hasNext(); ) {
                tags.add(((UnsupportedHeader) it.next()).getOptionTag());
            }
            assertTrue(tags.contains("nothingSupportsThis") && tags.contains("nothingSupportsThisEither"),
                    "Unsupported names both Require tags: " + tags);
        });
        // RFC 3261 §8.2.1: 501 and 405 carry Allow; a 405 does not allow the method it refused
        BiConsumer<SIPResponse, String> allow = (r, t) -> {
            assertNotNull(r.getHeader(AllowHeader.NAME), r.getStatusCode() + " carries Allow");
            if (r.getStatusCode() == 405) {
                for (Iterator<?> it = r.getHeaders(AllowHeader.NAME); it.hasNext(); ) {
                    assertFalse(((AllowHeader) it.next()).getMethod().equalsIgnoreCase(r.getCSeq().getMethod()),
                            "405 does not allow the refused method");
                }
            }
        };
        for (String name : List.of("intmeth", "esc02", "escnull", "dblreq", "cparam01", "cparam02", "regescrt",
                "regaut01", "unksm2")) {
            checks.put(name, allow);
        }
        checks.put("mismatch01", (r, t) -> assertTrue(r.getReasonPhrase().contains("CSeq"),
                "the reason phrase says what is wrong: " + r.getReasonPhrase()));
        return checks;
    }

    private static Map<String, TortureExpectation.Row> table() {
        Map<String, TortureExpectation.Row> t = new HashMap<>();
        String valid = "RFC 4475 §3.1.1: valid, parsed and processed";
        // --- 3.1.1 valid messages: what the container, as the endpoint, answers each method
        // Its To has a tag: a re-INVITE in a dialog this server does not have (RFC 3261 §12.2.2).
        row(t, "wsinv", answer(valid + "; an INVITE in a dialog we do not have: 481", 481));
        row(t, "intmeth", answer(valid + "; an unknown method: 501", 501));
        row(t, "esc01", answer(valid + "; INVITE with no application: 404", 404));
        row(t, "escnull", answer(valid + "; REGISTER at a non-registrar: 405", 405));
        row(t, "esc02", answer(valid + "; RE%47IST%45R is not REGISTER: 501 at an endpoint", 501));
        row(t, "lwsdisp", answer(valid + "; OPTIONS: 200", 200));
        row(t, "longreq", answer(valid + "; INVITE with no application: 404", 404));
        // Over a stream the octets after the first message are the next message: the INVITE (404),
        // whose 150-byte body leaves "C" CRLF CRLF, which is no message and cannot be framed.
        row(t, "dblreq", answer(valid + "; REGISTER 405; the octets after the first message in the datagram are ignored", 405)
                        .firstMessageOnly(),
                Map.of("TCP", answer(valid + "; REGISTER 405, then the INVITE on the stream", 405)
                        .closing("the INVITE's body is shorter than what follows it: the rest cannot be framed")));
        row(t, "semiuri", answer(valid + "; OPTIONS: 200", 200));
        row(t, "transports", answer(valid + "; OPTIONS: 200", 200));
        row(t, "mpart01", answer(valid + "; MESSAGE with no application: 404", 404));
        row(t, "unreason", silence(valid + "; a response with no transaction: dropped"));
        row(t, "noreason", silence(valid + "; a response with no transaction: dropped"));
        // --- 3.1.2 invalid messages
        String invalid = "RFC 4475 §3.1.2: invalid, 400";
        for (String name : List.of("badinv01", "quotbal", "ltgtruri", "lwsruri", "escruri", "regbadct", "badaspec",
                "mismatch01", "scalar02")) {
            row(t, name, answer(invalid, 400));
        }
        // The corpus file ends without the empty line that ends a header block: a datagram ends it,
        // a stream does not, so over TCP the server answers when it gives up waiting, then closes.
        row(t, "baddn", answer(invalid, 400), Map.of("TCP", answer(invalid + "; no empty line ends its headers", 400)
                .closing("the message never ends on a stream")));
        row(t, "clerr", answer("RFC 4475 §3.1.2.4: Content-Length larger than the datagram: 400", 400),
                Map.of("TCP", answer("RFC 4475 §3.1.2.4: over TCP the rest of the body never comes", 400)
                        .closing("the server answers when it gives up waiting, then closes")));
        row(t, "ncl", answer("RFC 4475 §3.1.2.5: negative Content-Length: 400", 400),
                Map.of("TCP", answer("RFC 4475 §3.1.2.5: negative Content-Length", 400)
                        .closing("the stream cannot be framed")));
        row(t, "lwsstart", answer("RFC 4475 §3.1.2.11: reject or be liberal (INVITE, no application: 404)", 400, 404));
        row(t, "trws", answer("RFC 4475 §3.1.2.12: reject or be liberal (OPTIONS: 200)", 400, 200));
        row(t, "baddate", answer("RFC 4475 §3.1.2.16: reject or be liberal (INVITE, no application: 404)", 400, 404));
        row(t, "badvers", answer("RFC 4475 §3.1.2.15: SIP/7.0: 505", 505));
        row(t, "mismatch02", answer("RFC 4475 §3.1.2.14: unknown method whose CSeq says INVITE: 501, 400 acceptable",
                501, 400));
        row(t, "scalarlg", silence("RFC 4475 §3.1.2.9: an invalid response: dropped"));
        row(t, "bigcode", silence("RFC 4475 §3.1.2.13: an invalid response: dropped"));
        // --- 3.2 transaction layer
        row(t, "badbranch", answer("RFC 4475 §3.2.1: stateless 400 or RFC 2543 matching (OPTIONS: 200)", 200, 400));
        // --- 3.3 application layer semantics
        row(t, "insuf", answer("RFC 4475 §3.3.1: missing Call-ID, From, To: 400", 400));
        row(t, "unkscm", answer("RFC 4475 §3.3.2: unknown Request-URI scheme: 416 (never route on To)", 416));
        row(t, "novelsc", answer("RFC 4475 §3.3.3: unknown Request-URI scheme: 416 or 404", 416, 404));
        row(t, "unksm2", answer("RFC 4475 §3.3.4: parsed; a registrar answers 400, a non-registrar 405", 405));
        row(t, "bext01", answer("RFC 4475 §3.3.5: Require with unknown tags: 420 with Unsupported", 420));
        // We are no endpoint for sip:user@example.com: RFC 3261 §8.2.2.1 (404) precedes §8.2.3 (415).
        // optionsWithABodyOfUnknownTypeGets415WithAccept shows the 415 where the container is the endpoint.
        row(t, "invut", answer("RFC 4475 §3.3.6: 415 at an endpoint that takes the request; no application: 404", 404));
        row(t, "regaut01", answer("RFC 4475 §3.3.7: parsed; a non-registrar answers 405", 405));
        row(t, "multi01", answer("RFC 4475 §3.3.8: several values of single-value headers: 400", 400));
        row(t, "mcl01", answer("RFC 4475 §3.3.9: conflicting Content-Length: an error; discard the rest of the datagram", 400),
                Map.of("TCP", answer("RFC 4475 §3.3.9: conflicting Content-Length over TCP", 400)
                        .closing("the stream cannot be framed")));
        row(t, "bcast", silence("RFC 4475 §3.3.10: a response with no transaction: discarded"));
        row(t, "zeromf", answer("RFC 4475 §3.3.11: a UAS processes Max-Forwards 0 (OPTIONS: 200)", 200));
        row(t, "cparam01", answer("RFC 4475 §3.3.12: accepted (REGISTER at a non-registrar: 405)", 405));
        row(t, "cparam02", answer("RFC 4475 §3.3.13: accepted (REGISTER at a non-registrar: 405)", 405));
        row(t, "regescrt", answer("RFC 4475 §3.3.14: accepted (REGISTER at a non-registrar: 405)", 405));
        // As for invut: the 406 of §3.3.15 comes from an endpoint that would answer with a body.
        row(t, "sdp01", answer("RFC 4475 §3.3.15: 406 (or 400) at an endpoint that would answer with SDP; "
                + "no application: 404", 404));
        // --- 3.4 backward compatibility
        row(t, "inv2543", answer("RFC 4475 §3.4.1: an RFC 2543 INVITE is accepted (no application: 404)", 404),
                Map.of("TCP", answer("RFC 3261 §18.3: no Content-Length on a stream: it cannot be framed", 400)
                        .closing("Content-Length is mandatory on stream transports")));
        // --- not in any section: no SIP-Version, no Via, a line that is no header
        row(t, "test", silence("not used by RFC 4475; malformed with no Via to answer to: dropped"));
        return Map.copyOf(t);
    }

    private static void row(Map<String, TortureExpectation.Row> t, String name, TortureExpectation all) {
        row(t, name, all, Map.of());
    }

    private static void row(Map<String, TortureExpectation.Row> t, String name, TortureExpectation all,
                            Map<String, TortureExpectation> byTransport) {
        t.put(name, new TortureExpectation.Row(all, byTransport));
    }
}
