package org.webims.testims.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes HSS profile files for tests: subscribers of domain ims.test with their iFC lines. */
final class HssFile {
    static final String DOMAIN = "ims.test";
    private final List<String> subscribers = new ArrayList<>();

    /** A subscriber {@code user} with IMPUs sip:user@ims.test and {@code tel}, password user-secret. */
    HssFile subscriber(String user, String tel, String... ifcLines) {
        StringBuilder b = new StringBuilder();
        b.append("  <subscriber impi=\"").append(user).append("@").append(DOMAIN).append("\" password=\"")
                .append(user).append("-secret\">\n    <service-profile>\n");
        b.append("      <public-identity>sip:").append(user).append("@").append(DOMAIN).append("</public-identity>\n");
        if (tel != null) {
            b.append("      <public-identity>").append(tel).append("</public-identity>\n");
        }
        for (String ifc : ifcLines) {
            b.append("      ").append(ifc).append("\n");
        }
        b.append("    </service-profile>\n  </subscriber>\n");
        subscribers.add(b.toString());
        return this;
    }

    Path write(Path dir) throws IOException {
        Path file = dir.resolve("hss.xml");
        Files.writeString(file, "<hss domain=\"" + DOMAIN + "\">\n" + String.join("", subscribers) + "</hss>\n");
        return file;
    }

    static String ifc(int priority, String method, String sessionCase, String as, String defaultHandling) {
        return "<ifc priority=\"" + priority + "\" method=\"" + method + "\""
                + (sessionCase == null ? "" : " session-case=\"" + sessionCase + "\"")
                + " as=\"" + as + "\" default-handling=\"" + defaultHandling + "\"/>";
    }
}
