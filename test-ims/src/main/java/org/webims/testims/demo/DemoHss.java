package org.webims.testims.demo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.webims.testims.core.hss.HssProfile;
import org.webims.testims.core.hss.HssProfileException;
import org.webims.testims.core.hss.HssProfileParser;

/**
 * The demo network's HSS: the test users (each with password USER-secret) and the web users'
 * identities, whose terminating INVITEs an iFC sends to the gateway on ISC.
 */
final class DemoHss {
    private DemoHss() {
    }

    static HssProfile of(String domain, List<String> testUsers, List<String> webImpus, String asUri)
            throws IOException, HssProfileException {
        StringBuilder b = new StringBuilder("<hss domain=\"").append(xml(domain)).append("\">\n");
        for (String user : testUsers) {
            b.append("  <subscriber impi=\"").append(xml(user + "@" + domain)).append("\" password=\"")
                    .append(xml(user + "-secret")).append("\">\n    <service-profile>\n      <public-identity>")
                    .append(xml("sip:" + user + "@" + domain)).append("</public-identity>\n    </service-profile>\n")
                    .append("  </subscriber>\n");
        }
        int n = 0;
        for (String impu : webImpus) {
            b.append("  <subscriber impi=\"web").append(++n).append('@').append(xml(domain))
                    .append("\" password=\"-\">\n    <service-profile>\n      <public-identity>").append(xml(impu))
                    .append("</public-identity>\n");
            // TS 24.229 §5.4.3.3: calls to a web user go to the AS (the gateway), registered or not
            List<String> cases = List.of("terminating-unregistered", "terminating-registered");
            for (int priority = 0; priority < cases.size(); priority++) {
                String sessionCase = cases.get(priority);
                b.append("      <ifc priority=\"").append(priority)
                        .append("\" method=\"INVITE\" session-case=\"").append(sessionCase).append("\" as=\"")
                        .append(xml(asUri)).append("\" default-handling=\"SESSION_TERMINATED\"/>\n");
            }
            b.append("    </service-profile>\n  </subscriber>\n");
        }
        b.append("</hss>\n");
        return HssProfileParser.parse("demo HSS", new ByteArrayInputStream(b.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
