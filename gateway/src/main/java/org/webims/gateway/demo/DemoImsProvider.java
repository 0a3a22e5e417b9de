package org.webims.gateway.demo;

import java.util.List;

/**
 * Starts a demo IMS network (test-ims provides one, found with {@link java.util.ServiceLoader}
 * so the gateway does not depend on the test IMS module).
 */
public interface DemoImsProvider {

    /**
     * What the demo network is told.
     *
     * @param domain  the IMS home domain (the gateway's interworking.domain)
     * @param scscf   host:port of the S-CSCF
     * @param pcscf   host:port of the P-CSCF
     * @param asUri   the gateway as an AS on ISC, e.g. {@code sip:127.0.0.1:5060}
     * @param webImpus the web users' IMS public identities, routed by iFC to {@code asUri}
     */
    record Settings(String domain, String scscfHost, int scscfPort, String pcscfHost, int pcscfPort, String asUri,
                    List<String> webImpus) {
        public Settings {
            webImpus = List.copyOf(webImpus);
        }
    }

    /** Starts everything (core and users registered) or nothing. */
    DemoIms start(Settings settings) throws Exception;
}
