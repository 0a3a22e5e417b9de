package org.webims.sip.container.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import javax.servlet.ServletContext;
import javax.servlet.ServletContextListener;
import javax.servlet.sip.SipApplicationSessionListener;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletListener;
import javax.servlet.sip.TimerListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import testapps.Events;

class ApplicationDeployerTest {
    static final String ORDERED_APP = """
            <?xml version="1.0" encoding="UTF-8"?>
            <sip-app xmlns="http://www.jcp.org/xml/ns/sipservlet" xmlns:javaee="http://java.sun.com/xml/ns/javaee" version="1.1">
              <app-name>ordered-app</app-name>
              <javaee:display-name>Ordered servlets</javaee:display-name>
              <javaee:context-param>
                <javaee:param-name>region</javaee:param-name>
                <javaee:param-value>eu-west</javaee:param-value>
              </javaee:context-param>
              <javaee:listener><javaee:listener-class>testapps.lifecycle.RecordingListener</javaee:listener-class></javaee:listener>
              <servlet-selection><main-servlet>first</main-servlet></servlet-selection>
              <servlet>
                <javaee:servlet-name>unordered</javaee:servlet-name>
                <javaee:servlet-class>testapps.lifecycle.RecordingServlet</javaee:servlet-class>
                <javaee:init-param><javaee:param-name>greeting</javaee:param-name><javaee:param-value>hola</javaee:param-value></javaee:init-param>
              </servlet>
              <servlet>
                <javaee:servlet-name>second</javaee:servlet-name>
                <javaee:servlet-class>testapps.lifecycle.OtherRecordingServlet</javaee:servlet-class>
                <javaee:init-param><javaee:param-name>greeting</javaee:param-name><javaee:param-value>hej</javaee:param-value></javaee:init-param>
                <javaee:load-on-startup>2</javaee:load-on-startup>
              </servlet>
              <servlet>
                <javaee:servlet-name>first</javaee:servlet-name>
                <javaee:servlet-class>testapps.lifecycle.RecordingServlet</javaee:servlet-class>
                <javaee:init-param><javaee:param-name>greeting</javaee:param-name><javaee:param-value>hello</javaee:param-value></javaee:init-param>
                <javaee:load-on-startup>1</javaee:load-on-startup>
              </servlet>
              <session-config><javaee:session-timeout>12</javaee:session-timeout></session-config>
            </sip-app>
            """;

    static final String[] LIFECYCLE_CLASSES = {"testapps.Events", "testapps.lifecycle.RecordingServlet",
            "testapps.lifecycle.OtherRecordingServlet", "testapps.lifecycle.RecordingListener"};

    static final String[] ANNOTATED_CLASSES = {"testapps.Events", "testapps.annotated.package-info",
            "testapps.annotated.GreeterServlet", "testapps.annotated.AnnotatedListener", "testapps.annotated.CallKeys"};

    private final AtomicReference<String> servicesAskedFor = new AtomicReference<>();
    private final ApplicationDeployer deployer = new ApplicationDeployer(name -> {
        servicesAskedFor.set(name);
        return StandInServices.withExtensions("100rel", "timer");
    }, ApplicationDeployerTest.class.getClassLoader());

    @TempDir
    Path dir;

    @Test
    void servletsInitializeInLoadOnStartupOrderWithTheirInitParams() throws Exception {
        DeployedApplication app = deployer.deploy(ApplicationFolder.in(dir).sipXml(ORDERED_APP).classes(LIFECYCLE_CLASSES).root());
        try {
            assertEquals(List.of("contextInitialized",
                    "init:first:hello", "servletInitialized:first",
                    "init:second:hej", "servletInitialized:second",
                    "init:unordered:hola", "servletInitialized:unordered"), events(app));
            assertEquals("hello", app.servlet("first").getInitParameter("greeting"));
            assertNull(app.servlet("nobody"));
        } finally {
            app.undeploy();
        }
    }

    @Test
    void undeployDestroysServletsInReverseInitOrderThenTheContext() throws Exception {
        DeployedApplication app = deployer.deploy(ApplicationFolder.in(dir).sipXml(ORDERED_APP).classes(LIFECYCLE_CLASSES).root());
        List<String> events = events(app);
        int before = events.size();

        app.undeploy();

        assertEquals(List.of("destroy:unordered", "destroy:second", "destroy:first", "contextDestroyed"),
                events.subList(before, events.size()));
        assertNull(app.servlet("first"));
        app.undeploy();
        assertEquals(before + 4, events.size(), "a second undeploy does nothing");
    }

    @Test
    void listenerImplementingSeveralInterfacesIsCreatedOnce() throws Exception {
        DeployedApplication app = deployer.deploy(ApplicationFolder.in(dir).sipXml(ORDERED_APP).classes(LIFECYCLE_CLASSES).root());
        try {
            List<ServletContextListener> contextListeners = app.listeners(ServletContextListener.class);
            List<SipServletListener> servletListeners = app.listeners(SipServletListener.class);
            assertEquals(1, contextListeners.size());
            assertEquals(1, servletListeners.size());
            assertSame(contextListeners.get(0), servletListeners.get(0));
            assertTrue(app.listeners(SipApplicationSessionListener.class).isEmpty());
        } finally {
            app.undeploy();
        }
    }

    @Test
    void contextCarriesContainerServicesAndContextParams() throws Exception {
        DeployedApplication app = deployer.deploy(ApplicationFolder.in(dir).sipXml(ORDERED_APP).classes(LIFECYCLE_CLASSES).root());
        try {
            ServletContext context = app.servletContext();
            assertEquals("ordered-app", servicesAskedFor.get());
            assertNotNull(context.getAttribute(SipServlet.SIP_FACTORY));
            assertNotNull(context.getAttribute(SipServlet.TIMER_SERVICE));
            assertNotNull(context.getAttribute(SipServlet.SIP_SESSIONS_UTIL));
            assertEquals(List.of(), context.getAttribute(SipServlet.OUTBOUND_INTERFACES));
            assertEquals(List.of("100rel", "timer"), context.getAttribute(SipServlet.SUPPORTED));
            assertEquals(List.of("3261", "3262", "4028"), context.getAttribute(SipServlet.SUPPORTED_RFCs));
            assertEquals(Boolean.TRUE, context.getAttribute("javax.servlet.sip.100rel"));
            assertEquals("eu-west", context.getInitParameter("region"));
            assertEquals(List.of("region"), Collections.list(context.getInitParameterNames()));
            assertEquals("Ordered servlets", context.getServletContextName());
            assertSame(context, app.servlet("first").getServletContext());
            assertEquals(12, app.sessionTimeoutMinutes());
            assertEquals(Optional.of("first"), app.descriptor().mainServlet());
        } finally {
            app.undeploy();
        }
    }

    @Test
    void applicationClassesComeFromTheApplicationAndTheApiFromTheContainer() throws Exception {
        DeployedApplication app = deployer.deploy(ApplicationFolder.in(dir).sipXml(ORDERED_APP).classes(LIFECYCLE_CLASSES).root());
        try {
            // the fixtures are on the test class path too: child-first must still pick WEB-INF/classes
            assertSame(app.classLoader(), app.servlet("first").getClass().getClassLoader());
            assertSame(SipServlet.class, app.classLoader().loadClass("javax.servlet.sip.SipServlet"));
            assertSame(DeployedApplication.class, app.classLoader().loadClass(DeployedApplication.class.getName()));
        } finally {
            app.undeploy();
        }
    }

    @Test
    void annotationsOnlyApplicationDeploys() throws Exception {
        DeployedApplication app = deployer.deploy(ApplicationFolder.in(dir).classes(ANNOTATED_CLASSES).root());
        try {
            assertEquals("annotated-app", app.name());
            assertEquals(List.of("contextInitialized", "init:Greeter"), events(app));
            assertEquals(Optional.of("Greeter"), app.selectServlet(name -> null));
            assertEquals("greets", app.descriptor().servlet("Greeter").orElseThrow().description());
            assertEquals(7, app.sessionTimeoutMinutes());
            assertEquals(OptionalInt.of(180), app.descriptor().proxyTimeoutSeconds());
            assertTrue(app.descriptor().distributable());
            assertEquals(1, app.listeners(SipApplicationSessionListener.class).size());
            assertEquals("byCallId", app.applicationKeyMethod().orElseThrow().getName());
            assertSame(app.classLoader(), app.applicationKeyMethod().orElseThrow().getDeclaringClass().getClassLoader());
        } finally {
            app.undeploy();
        }
    }

    @Test
    void servletThatIsAlsoAListenerIsOneObject() throws Exception {
        DeployedApplication app = deployer.deploy(ApplicationFolder.in(dir).classes("testapps.timer.TimerServlet").root());
        try {
            assertEquals("timer-app", app.name(), "named by the applicationName its classes agree on");
            List<TimerListener> timerListeners = app.listeners(TimerListener.class);
            assertEquals(1, timerListeners.size());
            assertSame(app.servlet("TimerServlet"), timerListeners.get(0));
            assertEquals("TimerServlet", app.servlet("TimerServlet").getServletName(), "initialized as a servlet");
        } finally {
            app.undeploy();
        }
    }

    @Test
    void annotatedClassesInLibraryJarsAreFound() throws Exception {
        DeployedApplication app = deployer.deploy(ApplicationFolder.in(dir).libraryJar("greeter.jar", ANNOTATED_CLASSES).root());
        try {
            assertEquals("annotated-app", app.name());
            assertNotNull(app.servlet("Greeter"));
            assertTrue(app.applicationKeyMethod().isPresent());
        } finally {
            app.undeploy();
        }
    }

    @Test
    void sipXmlWinsWhereItAndAnnotationsBothSpeak() throws Exception {
        String sipXml = """
                <sip-app version="1.1">
                  <app-name>renamed-app</app-name>
                  <servlet>
                    <servlet-name>Greeter</servlet-name>
                    <servlet-class>testapps.lifecycle.RecordingServlet</servlet-class>
                    <init-param><param-name>greeting</param-name><param-value>from sip.xml</param-value></init-param>
                  </servlet>
                  <session-config><session-timeout>0</session-timeout></session-config>
                </sip-app>
                """;
        DeployedApplication app = deployer.deploy(ApplicationFolder.in(dir).sipXml(sipXml).classes(ANNOTATED_CLASSES)
                .classes("testapps.lifecycle.RecordingServlet").root());
        try {
            assertEquals("renamed-app", app.name());
            assertEquals(0, app.sessionTimeoutMinutes());
            assertEquals("testapps.lifecycle.RecordingServlet", app.servlet("Greeter").getClass().getName());
            assertEquals(1, app.descriptor().servlets().size());
            assertEquals(Optional.of("Greeter"), app.descriptor().mainServlet(), "the annotation still names the main servlet");
            assertEquals(List.of("contextInitialized", "init:Greeter:from sip.xml"), events(app));
        } finally {
            app.undeploy();
        }
    }

    @Test
    void archiveDeploysAndUndeployRemovesTheUnpackedFolder() throws Exception {
        Path sar = ApplicationFolder.in(dir.resolve("content")).sipXml(ORDERED_APP).classes(LIFECYCLE_CLASSES)
                .zipTo(dir.resolve("ordered.sar"));

        DeployedApplication app = deployer.deploy(sar);
        Path unpacked = app.root();
        assertFalse(unpacked.startsWith(dir), "an archive runs from its own unpacked folder");
        assertTrue(Files.isRegularFile(unpacked.resolve("WEB-INF/sip.xml")));
        assertEquals("ordered-app", app.name());
        assertEquals("init:first:hello", events(app).get(1));

        app.undeploy();

        assertFalse(Files.exists(unpacked));
        assertTrue(Files.exists(sar), "the archive itself is the deployer's");
    }

    @Test
    void servletContextServesTheApplicationFolderAsResources() throws Exception {
        DeployedApplication app = deployer.deploy(ApplicationFolder.in(dir).sipXml(ORDERED_APP).classes(LIFECYCLE_CLASSES).root());
        try {
            ServletContext context = app.servletContext();
            assertNotNull(context.getResource("/WEB-INF/sip.xml"));
            assertTrue(context.getResourcePaths("/WEB-INF/").contains("/WEB-INF/classes/"));
            assertNull(context.getResource("/../outside"), "no path leaves the application folder");
            assertNull(context.getRealPath("/../../etc/passwd"));
        } finally {
            app.undeploy();
        }
    }

    @SuppressWarnings("unchecked")
    static List<String> events(DeployedApplication app) {
        return (List<String>) app.servletContext().getAttribute(Events.ATTRIBUTE);
    }
}
