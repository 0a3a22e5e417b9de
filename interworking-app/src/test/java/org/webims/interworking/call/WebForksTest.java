package org.webims.interworking.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.webims.interworking.registrar.Binding;

/** Which of a web user's bindings an IMS call rings. */
class WebForksTest {

    private static Binding binding(String uri, String instance, int regId) {
        return new Binding("<" + uri + ">", uri, instance, regId, Long.MAX_VALUE);
    }

    @Test
    void ringsEveryInstanceOnceOverItsNewestFlowAndEveryBindingWithoutAnInstance() {
        Binding tabOneFlow1 = binding("sip:a@127.0.0.1:1;transport=ws", "<urn:uuid:1>", 1);
        Binding plain = binding("sip:b@127.0.0.1:2;transport=ws", null, 0);
        Binding tabTwo = binding("sip:c@127.0.0.1:3;transport=ws", "<urn:uuid:2>", 1);
        Binding tabOneFlow2 = binding("sip:d@127.0.0.1:4;transport=ws", "<urn:uuid:1>", 2);

        assertEquals(List.of(plain, tabTwo, tabOneFlow2),
                WebForks.onePerInstance(List.of(tabOneFlow1, plain, tabTwo, tabOneFlow2)));
    }
}
