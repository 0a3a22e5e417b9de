package org.webims.sip.container.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSR 289 §16: servlet selection of a deployed application, over Map-backed request variables. */
class ServletSelectionTest {
    private static final String MAPPED_APP = """
            <sip-app xmlns="http://www.jcp.org/xml/ns/sipservlet" xmlns:javaee="http://java.sun.com/xml/ns/javaee" version="1.1">
              <app-name>mapped</app-name>
              <servlet-selection>
                <servlet-mapping>
                  <servlet-name>alice</servlet-name>
                  <pattern>
                    <and>
                      <equal><var>request.method</var><value>INVITE</value></equal>
                      <equal ignore-case="true"><var>request.to.uri.user</var><value>Alice</value></equal>
                    </and>
                  </pattern>
                </servlet-mapping>
                <servlet-mapping>
                  <servlet-name>invites</servlet-name>
                  <pattern><equal><var>request.method</var><value>INVITE</value></equal></pattern>
                </servlet-mapping>
                <servlet-mapping>
                  <servlet-name>local</servlet-name>
                  <pattern>
                    <or>
                      <subdomain-of><var>request.uri.host</var><value>example.com</value></subdomain-of>
                      <not><exists><var>request.uri.host</var></exists></not>
                    </or>
                  </pattern>
                </servlet-mapping>
              </servlet-selection>
              <servlet><javaee:servlet-name>alice</javaee:servlet-name><javaee:servlet-class>testapps.lifecycle.RecordingServlet</javaee:servlet-class></servlet>
              <servlet><javaee:servlet-name>invites</javaee:servlet-name><javaee:servlet-class>testapps.lifecycle.RecordingServlet</javaee:servlet-class></servlet>
              <servlet><javaee:servlet-name>local</javaee:servlet-name><javaee:servlet-class>testapps.lifecycle.RecordingServlet</javaee:servlet-class></servlet>
            </sip-app>
            """;

    private final ApplicationDeployer deployer = new ApplicationDeployer(
            name -> StandInServices.withExtensions(), ServletSelectionTest.class.getClassLoader());

    @TempDir
    Path dir;

    private DeployedApplication app;

    @AfterEach
    void undeploy() {
        if (app != null) {
            app.undeploy();
        }
    }

    @Test
    void servletMappingSelectsFirstMatchingPattern() throws Exception {
        app = deploy(MAPPED_APP);

        assertEquals(Optional.of("alice"), app.selectServlet(variables(Map.of(
                "request.method", "INVITE", "request.to.uri.user", "ALICE", "request.uri.host", "example.com"))));
        assertEquals(Optional.of("invites"), app.selectServlet(variables(Map.of(
                "request.method", "INVITE", "request.to.uri.user", "bob", "request.uri.host", "example.com"))));
        assertEquals(Optional.of("local"), app.selectServlet(variables(Map.of(
                "request.method", "MESSAGE", "request.uri.host", "ims.example.com"))));
        assertEquals(Optional.of("local"), app.selectServlet(variables(Map.of(
                "request.method", "MESSAGE", "request.uri", "tel:+15551234"))));
    }

    @Test
    void requestNoMappingMatchesSelectsNoServlet() throws Exception {
        app = deploy(MAPPED_APP);

        assertEquals(Optional.empty(), app.selectServlet(variables(Map.of(
                "request.method", "MESSAGE", "request.uri.host", "example.org"))));
    }

    @Test
    void mainServletTakesEveryInitialRequest() throws Exception {
        app = deploy("""
                <sip-app version="1.1">
                  <app-name>main</app-name>
                  <servlet-selection><main-servlet>b</main-servlet></servlet-selection>
                  <servlet><servlet-name>a</servlet-name><servlet-class>testapps.lifecycle.RecordingServlet</servlet-class></servlet>
                  <servlet><servlet-name>b</servlet-name><servlet-class>testapps.lifecycle.RecordingServlet</servlet-class></servlet>
                </sip-app>
                """);

        assertEquals(Optional.of("b"), app.selectServlet(variables(Map.of("request.method", "REGISTER"))));
        assertEquals(Optional.of("b"), app.selectServlet(variables(Map.of())));
    }

    @Test
    void legacyTopLevelServletMappingSelects() throws Exception {
        app = deploy("""
                <sip-app>
                  <display-name>legacy</display-name>
                  <servlet><servlet-name>reg</servlet-name><servlet-class>testapps.lifecycle.RecordingServlet</servlet-class></servlet>
                  <servlet><servlet-name>other</servlet-name><servlet-class>testapps.lifecycle.RecordingServlet</servlet-class></servlet>
                  <servlet-mapping>
                    <servlet-name>reg</servlet-name>
                    <pattern><equal><var>request.method</var><value>REGISTER</value></equal></pattern>
                  </servlet-mapping>
                </sip-app>
                """);

        assertEquals(Optional.of("reg"), app.selectServlet(variables(Map.of("request.method", "REGISTER"))));
        assertEquals(Optional.empty(), app.selectServlet(variables(Map.of("request.method", "INVITE"))));
    }

    private DeployedApplication deploy(String sipXml) throws DeploymentException {
        return deployer.deploy(ApplicationFolder.in(dir).sipXml(sipXml).classes(ApplicationDeployerTest.LIFECYCLE_CLASSES).root());
    }

    private static RequestVariables variables(Map<String, String> values) {
        return values::get;
    }
}
