package org.webims.sip.container.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad application fails its own deployment with the file and line at fault. */
class DeploymentErrorsTest {
    private final ApplicationDeployer deployer = new ApplicationDeployer(
            name -> StandInServices.withExtensions(), DeploymentErrorsTest.class.getClassLoader());

    @TempDir
    Path dir;

    @Test
    void malformedXmlFailsWithFileAndLine() {
        String xml = """
                <sip-app version="1.1">
                  <app-name>broken</app-name>
                  <servlet>
                    <servlet-name>a</servlet-nam>
                  </servlet>
                </sip-app>
                """;
        DeploymentException e = deployFails(xml);
        assertAt(e, ApplicationFolder.lineOf(xml, "</servlet-nam>"));
        assertTrue(e.reason().startsWith("malformed XML"), e.reason());
    }

    @Test
    void missingAppNameFailsAtTheSipAppElement() {
        String xml = """
                <?xml version="1.0"?>
                <sip-app version="1.1">
                  <servlet><servlet-name>a</servlet-name><servlet-class>testapps.lifecycle.RecordingServlet</servlet-class></servlet>
                </sip-app>
                """;
        DeploymentException e = deployFails(xml, "testapps.lifecycle.RecordingServlet");
        assertAt(e, 2);
        assertTrue(e.reason().contains("app-name"), e.reason());
    }

    @Test
    void unknownServletClassFailsWithFileAndLine() {
        String xml = servletApp("<servlet-class>com.example.Missing</servlet-class>");
        DeploymentException e = deployFails(xml);
        assertAt(e, ApplicationFolder.lineOf(xml, "com.example.Missing"));
        assertTrue(e.reason().contains("com.example.Missing not found"), e.reason());
    }

    @Test
    void classThatIsNotASipServletFailsWithFileAndLine() {
        String xml = servletApp("<servlet-class>testapps.lifecycle.NotAServlet</servlet-class>");
        DeploymentException e = deployFails(xml, "testapps.lifecycle.NotAServlet");
        assertAt(e, ApplicationFolder.lineOf(xml, "NotAServlet"));
        assertTrue(e.reason().contains("is not a javax.servlet.sip.SipServlet"), e.reason());
    }

    @Test
    void duplicateServletNameFailsAtTheSecondDeclaration() {
        String xml = """
                <sip-app version="1.1">
                  <app-name>dup</app-name>
                  <servlet><servlet-name>a</servlet-name><servlet-class>testapps.lifecycle.RecordingServlet</servlet-class></servlet>
                  <servlet><servlet-name>a</servlet-name><servlet-class>testapps.lifecycle.OtherRecordingServlet</servlet-class></servlet>
                </sip-app>
                """;
        DeploymentException e = deployFails(xml);
        assertAt(e, ApplicationFolder.lineOf(xml, "OtherRecordingServlet"));
        assertTrue(e.reason().contains("duplicate servlet-name 'a'"), e.reason());
    }

    @Test
    void mappingToUnknownServletFailsAtTheMapping() {
        String xml = """
                <sip-app version="1.1">
                  <app-name>unmapped</app-name>
                  <servlet-selection>
                    <servlet-mapping>
                      <servlet-name>ghost</servlet-name>
                      <pattern><equal><var>request.method</var><value>INVITE</value></equal></pattern>
                    </servlet-mapping>
                  </servlet-selection>
                  <servlet><servlet-name>a</servlet-name><servlet-class>testapps.lifecycle.RecordingServlet</servlet-class></servlet>
                </sip-app>
                """;
        DeploymentException e = deployFails(xml, "testapps.lifecycle.RecordingServlet");
        assertAt(e, ApplicationFolder.lineOf(xml, "ghost"));
        assertTrue(e.reason().contains("unknown servlet 'ghost'"), e.reason());
    }

    @Test
    void mainServletTogetherWithMappingsFails() {
        String xml = """
                <sip-app version="1.1">
                  <app-name>both</app-name>
                  <servlet-selection>
                    <main-servlet>a</main-servlet>
                    <servlet-mapping>
                      <servlet-name>a</servlet-name>
                      <pattern><exists><var>request.method</var></exists></pattern>
                    </servlet-mapping>
                  </servlet-selection>
                  <servlet><servlet-name>a</servlet-name><servlet-class>testapps.lifecycle.RecordingServlet</servlet-class></servlet>
                </sip-app>
                """;
        DeploymentException e = deployFails(xml);
        assertAt(e, ApplicationFolder.lineOf(xml, "<servlet-mapping>"));
        assertTrue(e.reason().contains("not both"), e.reason());
    }

    @Test
    void unknownPatternVariableFailsAtTheVar() {
        String xml = """
                <sip-app version="1.1">
                  <app-name>badvar</app-name>
                  <servlet-selection>
                    <servlet-mapping>
                      <servlet-name>a</servlet-name>
                      <pattern>
                        <and>
                          <equal><var>request.method</var><value>INVITE</value></equal>
                          <equal><var>request.via.host</var><value>example.com</value></equal>
                        </and>
                      </pattern>
                    </servlet-mapping>
                  </servlet-selection>
                  <servlet><servlet-name>a</servlet-name><servlet-class>testapps.lifecycle.RecordingServlet</servlet-class></servlet>
                </sip-app>
                """;
        DeploymentException e = deployFails(xml);
        assertAt(e, ApplicationFolder.lineOf(xml, "request.via.host"));
        assertTrue(e.reason().contains("unknown pattern variable 'request.via.host'"), e.reason());
    }

    @Test
    void nonNumericSessionTimeoutFails() {
        String xml = """
                <sip-app version="1.1">
                  <app-name>timeout</app-name>
                  <session-config>
                    <session-timeout>ten</session-timeout>
                  </session-config>
                </sip-app>
                """;
        DeploymentException e = deployFails(xml);
        assertAt(e, ApplicationFolder.lineOf(xml, "ten"));
        assertTrue(e.reason().contains("session-timeout must be a whole number"), e.reason());
    }

    @Test
    void applicationWithNeitherSipXmlNorAnnotationsFails() {
        ApplicationFolder.in(dir).classes("testapps.lifecycle.NotAServlet");
        DeploymentException e = assertThrows(DeploymentException.class, () -> deployer.deploy(dir));
        assertEquals(dir.toAbsolutePath().normalize().toString(), e.file());
        assertEquals(0, e.line());
        assertTrue(e.reason().contains("not a SIP application"), e.reason());
    }

    @Test
    void nonStaticApplicationKeyMethodFailsNamingTheClass() {
        ApplicationFolder.in(dir).classes(ApplicationDeployerTest.ANNOTATED_CLASSES).classes("testapps.badkey.InstanceKey");
        DeploymentException e = assertThrows(DeploymentException.class, () -> deployer.deploy(dir));
        assertTrue(e.file().endsWith("WEB-INF/classes/testapps/badkey/InstanceKey.class"), e.file());
        assertTrue(e.reason().contains("testapps.badkey.InstanceKey.key must be declared public static String"), e.reason());
    }

    @Test
    void servletInitFailureFailsTheDeploymentAndStopsWhatStarted() throws IOException {
        Path eventsFile = dir.resolve("events.txt");
        String xml = """
                <sip-app version="1.1">
                  <app-name>failing</app-name>
                  <context-param><param-name>testapps.events-file</param-name><param-value>%s</param-value></context-param>
                  <listener><listener-class>testapps.lifecycle.RecordingListener</listener-class></listener>
                  <servlet>
                    <servlet-name>good</servlet-name><servlet-class>testapps.lifecycle.RecordingServlet</servlet-class>
                    <load-on-startup>1</load-on-startup>
                  </servlet>
                  <servlet>
                    <servlet-name>bad</servlet-name><servlet-class>testapps.lifecycle.FailingServlet</servlet-class>
                    <load-on-startup>2</load-on-startup>
                  </servlet>
                </sip-app>
                """.formatted(eventsFile);
        Path app = dir.resolve("app");
        ApplicationFolder.in(app).sipXml(xml).classes(ApplicationDeployerTest.LIFECYCLE_CLASSES)
                .classes("testapps.lifecycle.FailingServlet");

        DeploymentException e = assertThrows(DeploymentException.class, () -> deployer.deploy(app));

        assertEquals(app.resolve("WEB-INF/sip.xml").toString(), e.file());
        assertEquals(ApplicationFolder.lineOf(xml, "FailingServlet"), e.line());
        assertTrue(e.reason().contains("servlet 'bad'") && e.reason().contains("refuses to start"), e.reason());
        assertEquals(List.of("contextInitialized", "init:good:null", "servletInitialized:good", "destroy:good",
                "contextDestroyed"), Files.readAllLines(eventsFile));
    }

    @Test
    void archiveEntryEscapingItsFolderIsRefusedAndNothingIsLeft() throws IOException {
        Path sar = ApplicationFolder.archiveWithEntry(dir.resolve("evil.sar"), "../escaped.txt");
        Set<Path> before = unpackedFolders();

        DeploymentException e = assertThrows(DeploymentException.class, () -> deployer.deploy(sar));

        assertTrue(e.reason().contains("escapes"), e.reason());
        assertEquals(before, unpackedFolders());
    }

    @Test
    void failedArchiveDeploymentRemovesItsUnpackedFolder() throws IOException {
        Path sar = ApplicationFolder.in(dir.resolve("content")).sipXml(servletApp("<servlet-class>com.example.Missing</servlet-class>"))
                .zipTo(dir.resolve("missing.sar"));
        Set<Path> before = unpackedFolders();

        DeploymentException e = assertThrows(DeploymentException.class, () -> deployer.deploy(sar));

        assertEquals(sar.toAbsolutePath() + "!/WEB-INF/sip.xml", e.file());
        assertEquals(before, unpackedFolders());
    }

    @Test
    void missingFolderFails() {
        DeploymentException e = assertThrows(DeploymentException.class, () -> deployer.deploy(dir.resolve("absent")));
        assertTrue(e.getMessage().endsWith("absent: no such folder or archive"), e.getMessage());
    }

    private static String servletApp(String servletClassLine) {
        return """
                <sip-app version="1.1">
                  <app-name>one-servlet</app-name>
                  <servlet>
                    <servlet-name>a</servlet-name>
                    %s
                  </servlet>
                </sip-app>
                """.formatted(servletClassLine);
    }

    private DeploymentException deployFails(String sipXml, String... classes) {
        ApplicationFolder folder = ApplicationFolder.in(dir).sipXml(sipXml)
                .classes(ApplicationDeployerTest.LIFECYCLE_CLASSES).classes(classes);
        return assertThrows(DeploymentException.class, () -> deployer.deploy(folder.root()));
    }

    private void assertAt(DeploymentException e, int line) {
        String file = dir.toAbsolutePath().normalize().resolve("WEB-INF/sip.xml").toString();
        assertEquals(file, e.file(), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(file + ":" + line + ": " + e.reason(), e.getMessage());
    }

    private static Set<Path> unpackedFolders() throws IOException {
        try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return tmp.filter(p -> p.getFileName().toString().startsWith("webims-app-")).collect(Collectors.toSet());
        }
    }
}
