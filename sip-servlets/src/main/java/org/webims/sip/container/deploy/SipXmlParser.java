package org.webims.sip.container.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads WEB-INF/sip.xml (the JSR 289 sip-app_1_1 schema, and SIP Servlet 1.0 files) into
 * {@link SipXmlContent}, failing on the first error with its file and line. Elements the
 * container has no use for (icons, security, resource references) are skipped.
 */
final class SipXmlParser {
    private final Map<String, String> contextParams = new LinkedHashMap<>();
    private final List<ListenerDefinition> listeners = new ArrayList<>();
    private final List<ServletDefinition> servlets = new ArrayList<>();
    private final Map<String, SourceLocation> servletNames = new HashMap<>();
    private final List<ServletMapping> mappings = new ArrayList<>();
    private DeclaredName mainServlet;
    private String appName;
    private String displayName;
    private String description;
    private boolean distributable;
    private OptionalInt sessionTimeout = OptionalInt.empty();
    private OptionalInt proxyTimeout = OptionalInt.empty();

    private SipXmlParser() {
    }

    static SipXmlContent parse(Path sipXml, String displayName) throws DeploymentException {
        return new SipXmlParser().read(LocatedXmlReader.read(sipXml, displayName));
    }

    private SipXmlContent read(XmlElement root) throws DeploymentException {
        if (!root.name().equals("sip-app")) {
            throw new DeploymentException(root.location(), "root element is <" + root.name() + ">, expected <sip-app>");
        }
        for (XmlElement e : root.children()) {
            switch (e.name()) {
                case "app-name" -> appName = nonEmpty(e);
                case "display-name" -> displayName = displayName == null ? e.text() : displayName;
                case "description" -> description = description == null ? e.text() : description;
                case "distributable" -> distributable = true;
                case "context-param" -> contextParam(e);
                case "listener" -> listeners.add(new ListenerDefinition(requiredText(e, "listener-class"),
                        e.child("listener-class").orElseThrow().location()));
                case "servlet" -> servlet(e);
                case "servlet-selection" -> {
                    for (XmlElement s : e.children()) {
                        switch (s.name()) {
                            case "main-servlet" -> mainServlet(s);
                            case "servlet-mapping" -> mapping(s);
                            default -> throw new DeploymentException(s.location(), "unexpected <" + s.name()
                                    + "> in <servlet-selection>; expected <main-servlet> or <servlet-mapping>");
                        }
                    }
                }
                case "servlet-mapping" -> mapping(e);
                case "session-config" -> {
                    Optional<XmlElement> timeout = e.child("session-timeout");
                    if (timeout.isPresent()) {
                        sessionTimeout = OptionalInt.of(integer(timeout.get(), "session-timeout"));
                    }
                }
                case "proxy-config" -> {
                    // JSR 289 proxy-timeout; JSR 116 sequential-search-timeout
                    Optional<XmlElement> timeout = e.child("proxy-timeout").or(() -> e.child("sequential-search-timeout"));
                    if (timeout.isPresent()) {
                        proxyTimeout = OptionalInt.of(integer(timeout.get(), timeout.get().name()));
                    }
                }
                default -> {
                    // icons, security-constraint, login-config, env and resource references: not the container's business here
                }
            }
        }
        boolean version10 = !"1.1".equals(root.attributes().get("version"));
        return new SipXmlContent(root.location(), version10, Optional.ofNullable(appName),
                Optional.ofNullable(displayName).filter(s -> !s.isEmpty()),
                Optional.ofNullable(description).filter(s -> !s.isEmpty()), distributable, contextParams, listeners,
                servlets, Optional.ofNullable(mainServlet), mappings, sessionTimeout, proxyTimeout);
    }

    private void contextParam(XmlElement e) throws DeploymentException {
        String name = requiredText(e, "param-name");
        if (contextParams.containsKey(name)) {
            throw new DeploymentException(e.child("param-name").orElseThrow().location(),
                    "duplicate context-param '" + name + "'");
        }
        contextParams.put(name, e.childText("param-value").orElse(""));
    }

    private void servlet(XmlElement e) throws DeploymentException {
        String name = requiredText(e, "servlet-name");
        SourceLocation nameAt = e.child("servlet-name").orElseThrow().location();
        SourceLocation earlier = servletNames.putIfAbsent(name, nameAt);
        if (earlier != null) {
            throw new DeploymentException(nameAt,
                    "duplicate servlet-name '" + name + "' (first declared at line " + earlier.line() + ")");
        }
        String className = requiredText(e, "servlet-class");
        Map<String, String> initParams = new LinkedHashMap<>();
        for (XmlElement p : e.children("init-param")) {
            String param = requiredText(p, "param-name");
            if (initParams.containsKey(param)) {
                throw new DeploymentException(p.location(), "duplicate init-param '" + param + "' in servlet '" + name + "'");
            }
            initParams.put(param, p.childText("param-value").orElse(""));
        }
        Optional<XmlElement> load = e.child("load-on-startup");
        // Servlet 3.1 deployment descriptor: absent, empty or negative lets the container choose when
        int loadOnStartup = load.isEmpty() || load.get().text().isEmpty() ? -1 : integer(load.get(), "load-on-startup");
        servlets.add(new ServletDefinition(name, className, e.childText("description").orElse(""), initParams,
                loadOnStartup, e.child("servlet-class").orElseThrow().location()));
    }

    private void mainServlet(XmlElement e) throws DeploymentException {
        if (!mappings.isEmpty()) {
            throw bothSelections(e);
        }
        mainServlet = new DeclaredName(nonEmpty(e), e.location());
    }

    private void mapping(XmlElement e) throws DeploymentException {
        if (mainServlet != null) {
            throw bothSelections(e);
        }
        String servlet = requiredText(e, "servlet-name");
        XmlElement pattern = e.child("pattern").orElseThrow(
                () -> new DeploymentException(e.location(), "<servlet-mapping> for '" + servlet + "' has no <pattern>"));
        mappings.add(new ServletMapping(servlet, PatternReader.read(pattern), e.child("servlet-name").orElseThrow().location()));
    }

    private static DeploymentException bothSelections(XmlElement e) {
        // JSR 289 §16: an application selects servlets by a main servlet or by mappings, never both
        return new DeploymentException(e.location(), "<" + e.name()
                + "> conflicts with an earlier <" + (e.name().equals("main-servlet") ? "servlet-mapping" : "main-servlet")
                + ">: use main-servlet or servlet-mapping, not both");
    }

    private static String requiredText(XmlElement parent, String childName) throws DeploymentException {
        XmlElement child = parent.child(childName).orElseThrow(
                () -> new DeploymentException(parent.location(), "<" + parent.name() + "> has no <" + childName + ">"));
        return nonEmpty(child);
    }

    private static String nonEmpty(XmlElement e) throws DeploymentException {
        if (e.text().isEmpty()) {
            throw new DeploymentException(e.location(), "<" + e.name() + "> is empty");
        }
        return e.text();
    }

    private static int integer(XmlElement e, String what) throws DeploymentException {
        try {
            return Integer.parseInt(e.text());
        } catch (NumberFormatException ex) {
            throw new DeploymentException(e.location(), what + " must be a whole number, not '" + e.text() + "'");
        }
    }
}
