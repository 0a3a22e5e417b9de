package org.webims.sip.container.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sip.xml reading on its own: what lands in {@link SipXmlContent}, and what the parser refuses to do. */
class SipXmlParsingTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryElementTheContainerUses() throws Exception {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <sip-app xmlns="http://www.jcp.org/xml/ns/sipservlet" xmlns:javaee="http://java.sun.com/xml/ns/javaee" version="1.1">
                  <app-name>full</app-name>
                  <javaee:display-name>Full application</javaee:display-name>
                  <javaee:description>Everything</javaee:description>
                  <javaee:distributable/>
                  <javaee:context-param><javaee:param-name>a</javaee:param-name><javaee:param-value>1</javaee:param-value></javaee:context-param>
                  <javaee:context-param><javaee:param-name>b</javaee:param-name><javaee:param-value>2</javaee:param-value></javaee:context-param>
                  <javaee:listener><javaee:listener-class>com.example.Listener</javaee:listener-class></javaee:listener>
                  <servlet>
                    <javaee:servlet-name>s</javaee:servlet-name>
                    <javaee:servlet-class>com.example.S</javaee:servlet-class>
                    <javaee:load-on-startup>4</javaee:load-on-startup>
                  </servlet>
                  <proxy-config><proxy-timeout>30</proxy-timeout></proxy-config>
                  <session-config><javaee:session-timeout>9</javaee:session-timeout></session-config>
                </sip-app>
                """;
        SipXmlContent content = parse(xml);

        assertEquals(Optional.of("full"), content.appName());
        assertFalse(content.version10());
        assertEquals(Optional.of("Full application"), content.displayName());
        assertEquals(Optional.of("Everything"), content.description());
        assertTrue(content.distributable());
        assertEquals(Map.of("a", "1", "b", "2"), content.contextParams());
        assertEquals("com.example.Listener", content.listeners().get(0).className());
        ServletDefinition s = content.servlets().get(0);
        assertEquals("com.example.S", s.className());
        assertEquals(4, s.loadOnStartup());
        assertEquals(ApplicationFolder.lineOf(xml, "com.example.S<"), s.source().line());
        assertEquals(OptionalInt.of(30), content.proxyTimeoutSeconds());
        assertEquals(OptionalInt.of(9), content.sessionTimeoutMinutes());
    }

    @Test
    void readsSipServlet10DescriptorWithoutFetchingItsDtd() throws Exception {
        SipXmlContent content = parse("""
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE sip-app PUBLIC "-//Java Community Process//DTD SIP Application 1.0//EN"
                    "http://www.jcp.org/dtd/sip-app_1_0.dtd">
                <sip-app>
                  <display-name>legacy</display-name>
                  <proxy-config><sequential-search-timeout>20</sequential-search-timeout></proxy-config>
                </sip-app>
                """);

        assertTrue(content.version10());
        assertEquals(Optional.of("legacy"), content.displayName());
        assertEquals(OptionalInt.of(20), content.proxyTimeoutSeconds());
    }

    @Test
    void externalEntitiesAreNotRead() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "SECRET");
        SipXmlContent content = parse("""
                <?xml version="1.0"?>
                <!DOCTYPE sip-app [ <!ENTITY leak SYSTEM "%s"> ]>
                <sip-app version="1.1">
                  <app-name>xxe</app-name>
                  <display-name>&leak;</display-name>
                </sip-app>
                """.formatted(secret.toUri()));

        assertFalse(content.displayName().orElse("").contains("SECRET"));
    }

    @Test
    void patternConditionWithoutVarFailsAtTheCondition() throws IOException {
        String xml = """
                <sip-app version="1.1">
                  <app-name>novar</app-name>
                  <servlet-mapping>
                    <servlet-name>s</servlet-name>
                    <pattern><equal><value>INVITE</value></equal></pattern>
                  </servlet-mapping>
                </sip-app>
                """;
        DeploymentException e = assertThrows(DeploymentException.class, () -> parse(xml));
        assertEquals(ApplicationFolder.lineOf(xml, "<equal>"), e.line());
        assertEquals("<equal> has no <var>", e.reason());
    }

    @Test
    void badIgnoreCaseFlagFails() {
        String xml = """
                <sip-app version="1.1">
                  <app-name>flag</app-name>
                  <servlet-mapping>
                    <servlet-name>s</servlet-name>
                    <pattern><contains ignore-case="yes"><var>request.method</var><value>INV</value></contains></pattern>
                  </servlet-mapping>
                </sip-app>
                """;
        DeploymentException e = assertThrows(DeploymentException.class, () -> parse(xml));
        assertEquals(ApplicationFolder.lineOf(xml, "ignore-case"), e.line());
    }

    @Test
    void wrongRootElementFails() {
        DeploymentException e = assertThrows(DeploymentException.class, () -> parse("<web-app/>"));
        assertEquals("root element is <web-app>, expected <sip-app>", e.reason());
        assertEquals(1, e.line());
    }

    private SipXmlContent parse(String xml) throws IOException, DeploymentException {
        Path file = Files.writeString(dir.resolve("sip.xml"), xml);
        return SipXmlParser.parse(file, "sip.xml");
    }
}
