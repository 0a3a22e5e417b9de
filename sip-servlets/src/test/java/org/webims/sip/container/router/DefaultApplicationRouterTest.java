package org.webims.sip.container.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.servlet.sip.ar.SipApplicationRouter;
import javax.servlet.sip.ar.SipApplicationRoutingDirective;
import javax.servlet.sip.ar.spi.SipApplicationRouterProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The router's life cycle and configuration sources. Its getNextApplication glue is tested end to
 * end against the container's real SipServletRequest; the decision itself in DarRouteSelectorTest.
 */
class DefaultApplicationRouterTest {
    private static final String DAR = "INVITE: (\"originating-app\", \"DAR:From\", \"ORIGINATING\", \"\", \"NO_ROUTE\", \"0\"),"
            + " (\"terminating-app\", \"DAR:To\", \"TERMINATING\", \"\", \"NO_ROUTE\", \"1\")\n";

    @TempDir
    Path dir;

    private Path darFile(String content) throws Exception {
        Path file = dir.resolve("dar.properties");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static DefaultApplicationRouter routerWith(String location) {
        Map<String, String> containerProperties = location == null
                ? Map.of() : Map.of(DefaultApplicationRouter.CONFIGURATION_PROPERTY, location);
        return new DefaultApplicationRouter(containerProperties::get);
    }

    @Test
    void initReadsTheFileTheContainerPropertyNamesAsPathOrFileUrl() throws Exception {
        Path file = darFile(DAR);
        DefaultApplicationRouter byPath = routerWith(file.toString());
        DefaultApplicationRouter byUrl = routerWith(file.toUri().toString());

        byPath.init();
        byUrl.init();

        assertEquals(DarFileParser.parse("dar", DAR), byPath.configuration());
        assertEquals(byPath.configuration(), byUrl.configuration());
    }

    @Test
    void initWithoutAConfigurationSelectsNothing() {
        DefaultApplicationRouter router = routerWith(null);

        router.init();

        assertEquals(DarConfiguration.empty(), router.configuration());
    }

    @Test
    void initWithAMalformedFileFailsNamingFileAndLine() throws Exception {
        Path file = darFile("# lab\nINVITE: (\"app\", \"\", \"SIDEWAYS\", \"\", \"NO_ROUTE\", \"0\")\n");
        DefaultApplicationRouter router = routerWith(file.toString());

        DarFileException e = assertThrows(DarFileException.class, router::init);

        assertTrue(e.getMessage().startsWith(file + ":2: INVITE router info 1 (app): unknown routing region"),
                e.getMessage());
    }

    @Test
    void initWithPropertiesTakesMethodLines() {
        Properties properties = new Properties();
        properties.setProperty("INVITE", DAR.substring("INVITE:".length()).strip());
        DefaultApplicationRouter router = routerWith(null);

        router.init(properties);

        assertEquals(DarFileParser.parse("dar", DAR), router.configuration());
    }

    @Test
    void initWithPropertiesNamingTheFileReadsIt() throws Exception {
        Properties properties = new Properties();
        properties.setProperty(DefaultApplicationRouter.CONFIGURATION_PROPERTY, darFile(DAR).toString());
        DefaultApplicationRouter router = routerWith(null);

        router.init(properties);

        assertEquals(DarFileParser.parse("dar", DAR), router.configuration());
    }

    @Test
    void initWithPropertiesMixingLocationAndLinesIsRefused() throws Exception {
        Properties properties = new Properties();
        properties.setProperty(DefaultApplicationRouter.CONFIGURATION_PROPERTY, darFile(DAR).toString());
        properties.setProperty("MESSAGE", "(\"im\", \"\", \"NEUTRAL\", \"\", \"NO_ROUTE\", \"0\")");

        DarFileException e = assertThrows(DarFileException.class, () -> routerWith(null).init(properties));

        assertTrue(e.getMessage().startsWith("init(Properties): holds both "), e.getMessage());
    }

    @Test
    void secondInitIsRefused() {
        DefaultApplicationRouter router = routerWith(null);
        router.init();

        assertThrows(IllegalStateException.class, router::init);
        assertThrows(IllegalStateException.class, () -> router.init(new Properties()));
    }

    @Test
    void routingBeforeInitIsRefused() {
        DefaultApplicationRouter router = routerWith(null);

        assertThrows(IllegalStateException.class,
                () -> router.getNextApplication(null, null, SipApplicationRoutingDirective.NEW, null, null));
    }

    @Test
    void deployedSetFollowsDeployAndUndeploy() {
        DefaultApplicationRouter router = routerWith(null);
        router.init();

        router.applicationDeployed(List.of("originating-app", "terminating-app"));
        router.applicationDeployed(List.of("im-app"));
        router.applicationUndeployed(List.of("originating-app", "never-deployed"));

        assertEquals(Set.of("terminating-app", "im-app"), router.deployedApplications());
    }

    @Test
    void concurrentDeploymentsAreAllKept() throws Exception {
        DefaultApplicationRouter router = routerWith(null);
        router.init();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            Set<String> expected = new HashSet<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                for (int i = 0; i < 250; i++) {
                    expected.add("app-" + thread + "-" + i);
                }
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        router.applicationDeployed(List.of("app-" + thread + "-" + i));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            assertEquals(expected, router.deployedApplications());
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void destroyForgetsConfigurationAndDeployments() throws Exception {
        DefaultApplicationRouter router = routerWith(darFile(DAR).toString());
        router.init();
        router.applicationDeployed(List.of("originating-app"));

        router.destroy();

        assertEquals(DarConfiguration.empty(), router.configuration());
        assertEquals(Set.of(), router.deployedApplications());
        assertThrows(IllegalStateException.class,
                () -> router.getNextApplication(null, null, SipApplicationRoutingDirective.NEW, null, null));
    }

    @Test
    void serviceLoaderFindsTheDefaultRouter() {
        List<SipApplicationRouterProvider> providers = ServiceLoader.load(SipApplicationRouterProvider.class)
                .stream().map(ServiceLoader.Provider::get).toList();

        assertEquals(1, providers.size());
        SipApplicationRouterProvider provider = providers.get(0);
        SipApplicationRouter router = provider.getSipApplicationRouter();
        assertTrue(router instanceof DefaultApplicationRouter, router.getClass().getName());
        assertSame(router, provider.getSipApplicationRouter());
    }
}
