package org.webims.testims.conformance;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the server must do with one torture message on one transport: the final statuses the
 * table in the corpus README allows (none: silence), whether a TCP connection must close (the
 * framing is lost), and the rule that says so.
 */
record TortureExpectation(Set<Integer> statuses, boolean closesConnection, boolean onlyFirstMessage, String rule) {

    static TortureExpectation answer(String rule, int... statuses) {
        return new TortureExpectation(Arrays.stream(statuses).boxed().collect(Collectors.toCollection(TreeSet::new)),
                false, false, rule);
    }

    static TortureExpectation silence(String rule) {
        return new TortureExpectation(Set.of(), false, false, rule);
    }

    boolean silent() {
        return statuses.isEmpty();
    }

    /** The server answers (if it can) and then closes the connection: the stream cannot be framed. */
    TortureExpectation closing(String why) {
        return new TortureExpectation(statuses, true, onlyFirstMessage, rule + "; " + why);
    }

    /** Octets after the first message in a datagram (or WebSocket message) are ignored. */
    TortureExpectation firstMessageOnly() {
        return new TortureExpectation(statuses, closesConnection, true, rule);
    }

    /** One row of the table: the same expectation on every transport unless {@code byTransport} says otherwise. */
    record Row(TortureExpectation all, Map<String, TortureExpectation> byTransport) {
        TortureExpectation on(String transport) {
            return byTransport.getOrDefault(transport, all);
        }
    }
}
