package org.webims.testims.core.hss;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads an HSS profile file, a flat rendering of TS 29.228's IMS subscription (Annex B):
 * <pre>{@code
 * <hss domain="ims.test">
 *   <subscriber impi="alice@ims.test" password="secret">
 *     <service-profile>
 *       <public-identity>sip:alice@ims.test</public-identity>
 *       <public-identity>tel:+15550001</public-identity>
 *       <ifc priority="0" method="REGISTER" as="sip:as.ims.test:5070"/>
 *       <ifc priority="1" method="INVITE" session-case="originating" as="sip:as.ims.test:5070"
 *            default-handling="SESSION_TERMINATED"/>
 *     </service-profile>
 *   </subscriber>
 * </hss>
 * }</pre>
 * session-case is {@code originating}, {@code terminating-registered},
 * {@code terminating-unregistered} or {@code terminating} (both), a comma-separated list allowed;
 * default-handling defaults to SESSION_CONTINUED. Every error names the file and line.
 */
public final class HssProfileParser {
    private HssProfileParser() {
    }

    public static HssProfile parse(Path file) throws IOException, HssProfileException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(file.toString(), in);
        }
    }

    public static HssProfile parse(String fileName, InputStream in) throws IOException, HssProfileException {
        Handler handler = new Handler(fileName);
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(false);
            // the file names no external entities; refusing a DOCTYPE closes XXE (OWASP)
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            InputSource source = new InputSource(in);
            source.setSystemId(fileName);
            factory.newSAXParser().parse(source, handler);
        } catch (SAXParseException e) {
            if (e.getException() instanceof Failure f) {
                throw f.error;
            }
            throw new HssProfileException(fileName, e.getLineNumber(), "not well-formed XML: " + e.getMessage());
        } catch (SAXException e) {
            if (e.getException() instanceof Failure f) {
                throw f.error;
            }
            throw new HssProfileException(fileName, handler.line(), e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's SAX parser lacks a standard feature", e);
        }
        return handler.result();
    }

    /** Carries an HssProfileException out through SAX. */
    private static final class Failure extends Exception {
        final HssProfileException error;

        Failure(HssProfileException error) {
            super(error.getMessage(), null, false, false);
            this.error = error;
        }
    }

    private static final class Handler extends DefaultHandler {
        private final String file;
        private Locator locator;
        private String domain;
        private boolean rootSeen;
        private final List<String> path = new ArrayList<>();
        private final List<Subscriber> subscribers = new ArrayList<>();
        private final Map<String, Integer> impuLines = new HashMap<>();
        private final Set<String> impis = new HashSet<>();
        // the subscriber and service profile being read
        private String impi;
        private String password;
        private int subscriberLine;
        private List<ServiceProfile> profiles;
        private List<String> impus;
        private List<InitialFilterCriterion> ifcs;
        private int profileLine;
        private StringBuilder text;
        private int textLine;

        Handler(String file) {
            this.file = file;
        }

        int line() {
            return locator == null ? 0 : locator.getLineNumber();
        }

        HssProfile result() {
            return new HssProfile(domain, subscribers);
        }

        @Override
        public void setDocumentLocator(Locator value) {
            this.locator = value;
        }

        private SAXException fail(int line, String reason) {
            return new SAXException(new Failure(new HssProfileException(file, line, reason)));
        }

        private SAXException fail(String reason) {
            return fail(line(), reason);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            String parent = path.isEmpty() ? null : path.get(path.size() - 1);
            String expectedParent = switch (qName) {
                case "hss" -> null;
                case "subscriber" -> "hss";
                case "service-profile" -> "subscriber";
                case "public-identity", "ifc" -> "service-profile";
                default -> throw fail("unknown element <" + qName + ">; expected one of <hss>, <subscriber>,"
                        + " <service-profile>, <public-identity>, <ifc>");
            };
            if (expectedParent == null ? parent != null || rootSeen : !expectedParent.equals(parent)) {
                throw fail("<" + qName + "> " + (expectedParent == null ? "must be the only root element"
                        : "belongs inside <" + expectedParent + ">"));
            }
            path.add(qName);
            switch (qName) {
                case "hss" -> {
                    rootSeen = true;
                    allow(qName, atts, "domain");
                    domain = required(qName, atts, "domain");
                }
                case "subscriber" -> {
                    allow(qName, atts, "impi", "password");
                    impi = required(qName, atts, "impi");
                    password = required(qName, atts, "password");
                    if (!impis.add(impi)) {
                        throw fail("impi " + impi + " declared twice");
                    }
                    subscriberLine = line();
                    profiles = new ArrayList<>();
                }
                case "service-profile" -> {
                    allow(qName, atts);
                    impus = new ArrayList<>();
                    ifcs = new ArrayList<>();
                    profileLine = line();
                }
                case "public-identity" -> {
                    allow(qName, atts);
                    text = new StringBuilder();
                    textLine = line();
                }
                case "ifc" -> ifcs.add(ifc(atts));
                default -> throw new IllegalStateException(qName);
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            if (text != null) {
                text.append(ch, start, length);
            } else if (!new String(ch, start, length).isBlank()) {
                throw fail("unexpected text inside <" + (path.isEmpty() ? "?" : path.get(path.size() - 1)) + ">");
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            path.remove(path.size() - 1);
            switch (qName) {
                case "public-identity" -> {
                    String impu = text.toString().strip();
                    text = null;
                    String lower = impu.toLowerCase(Locale.ROOT);
                    if (!(lower.startsWith("sip:") || lower.startsWith("sips:") || lower.startsWith("tel:"))
                            || impu.length() < 5 || impu.chars().anyMatch(Character::isWhitespace)) {
                        throw fail(textLine, "public identity '" + impu + "' is not a sip:, sips: or tel: URI");
                    }
                    Integer first = impuLines.putIfAbsent(PublicIdentities.key(impu), textLine);
                    if (first != null) {
                        throw fail(textLine, "public identity " + impu + " already declared at line " + first);
                    }
                    impus.add(impu);
                }
                case "service-profile" -> {
                    if (impus.isEmpty()) {
                        throw fail(profileLine, "<service-profile> has no <public-identity>");
                    }
                    profiles.add(new ServiceProfile(impus, ifcs));
                }
                case "subscriber" -> {
                    if (profiles.isEmpty()) {
                        throw fail(subscriberLine, "subscriber " + impi + " has no <service-profile>");
                    }
                    subscribers.add(new Subscriber(impi, password, profiles));
                }
                case "hss" -> {
                    if (subscribers.isEmpty()) {
                        throw fail("<hss> declares no <subscriber>");
                    }
                }
                default -> { }
            }
        }

        private InitialFilterCriterion ifc(Attributes atts) throws SAXException {
            allow("ifc", atts, "priority", "method", "session-case", "as", "default-handling");
            int priority;
            String p = required("ifc", atts, "priority");
            try {
                priority = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw fail("ifc priority '" + p + "' is not a whole number");
            }
            if (priority < 0) {
                throw fail("ifc priority " + priority + " is negative");
            }
            for (InitialFilterCriterion other : ifcs) {
                if (other.priority() == priority) {
                    throw fail("ifc priority " + priority + " already used at line " + other.line()
                            + " in this service profile");
                }
            }
            String method = required("ifc", atts, "method");
            if (!method.matches("[A-Z]+")) {
                throw fail("ifc method '" + method + "' is not a SIP method name (upper case letters)");
            }
            String as = required("ifc", atts, "as");
            if (!as.toLowerCase(Locale.ROOT).startsWith("sip:") || as.length() < 5) {
                throw fail("ifc as '" + as + "' is not a sip: URI");
            }
            String cases = atts.getValue("session-case");
            Set<SessionCase> sessionCases = EnumSet.noneOf(SessionCase.class);
            if ("REGISTER".equals(method)) {
                if (cases != null) {
                    throw fail("an ifc on REGISTER (third-party registration) takes no session-case");
                }
                sessionCases.add(SessionCase.ORIGINATING);
            } else if (cases == null) {
                throw fail("ifc on " + method + " needs session-case (originating, terminating-registered,"
                        + " terminating-unregistered or terminating)");
            } else {
                for (String c : cases.split(",")) {
                    sessionCases.addAll(sessionCase(c.strip()));
                }
            }
            String dh = atts.getValue("default-handling");
            DefaultHandling handling = DefaultHandling.SESSION_CONTINUED;
            if (dh != null) {
                try {
                    handling = DefaultHandling.valueOf(dh);
                } catch (IllegalArgumentException e) {
                    throw fail("ifc default-handling '" + dh + "' is neither SESSION_CONTINUED nor SESSION_TERMINATED");
                }
            }
            return new InitialFilterCriterion(priority, method, sessionCases, as, handling, line());
        }

        private Set<SessionCase> sessionCase(String value) throws SAXException {
            if ("terminating".equals(value)) {
                return EnumSet.of(SessionCase.TERMINATING_REGISTERED, SessionCase.TERMINATING_UNREGISTERED);
            }
            for (SessionCase c : SessionCase.values()) {
                if (c.fileName().equals(value)) {
                    return EnumSet.of(c);
                }
            }
            throw fail("ifc session-case '" + value + "' is not one of originating, terminating-registered,"
                    + " terminating-unregistered, terminating");
        }

        private String required(String element, Attributes atts, String name) throws SAXException {
            String v = atts.getValue(name);
            if (v == null || v.isBlank()) {
                throw fail("<" + element + "> needs the attribute " + name);
            }
            return v.strip();
        }

        private void allow(String element, Attributes atts, String... names) throws SAXException {
            outer:
            for (int i = 0; i < atts.getLength(); i++) {
                for (String n : names) {
                    if (n.equals(atts.getQName(i))) {
                        continue outer;
                    }
                }
                throw fail("<" + element + "> has no attribute " + atts.getQName(i)
                        + (names.length == 0 ? "" : "; allowed: " + String.join(", ", names)));
            }
        }
    }
}
