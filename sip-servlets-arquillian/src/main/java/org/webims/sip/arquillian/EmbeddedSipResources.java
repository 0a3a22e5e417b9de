package org.webims.sip.arquillian;

import java.lang.annotation.Annotation;
import java.util.List;
import org.jboss.arquillian.container.spi.Container;
import org.jboss.arquillian.container.spi.ContainerRegistry;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.arquillian.test.spi.enricher.resource.ResourceProvider;

/**
 * Finds the embedded container a test talks to: the container of the test's deployment (its
 * only one, or the one {@code @OperateOnDeployment} on the test method names), else the only
 * started embedded SIP container, else the one arquillian.xml marks default.
 */
final class EmbeddedSipResources {
    private EmbeddedSipResources() {
    }

    @SuppressWarnings("rawtypes")
    static EmbeddedSipContainer current(Instance<Container> active, Instance<ContainerRegistry> registry) {
        Container container = active.get();
        if (container != null && container.getDeployableContainer() instanceof EmbeddedSipContainer embedded) {
            return started(embedded, container.getName());
        }
        ContainerRegistry all = registry.get();
        List<Container> started = all == null ? List.of() : all.getContainers().stream()
                .filter(c -> c.getDeployableContainer() instanceof EmbeddedSipContainer e && e.endpoint() != null)
                .toList();
        List<Container> candidates = started.size() > 1
                ? started.stream().filter(c -> c.getContainerConfiguration().isDefault()).toList() : started;
        if (candidates.size() != 1) {
            throw new IllegalStateException(started.size() + " embedded SIP containers are started and the test's"
                    + " deployment names none of them; put @OperateOnDeployment on the test method");
        }
        return (EmbeddedSipContainer) candidates.get(0).getDeployableContainer();
    }

    private static EmbeddedSipContainer started(EmbeddedSipContainer embedded, String name) {
        if (embedded.endpoint() == null) {
            throw new IllegalStateException("the embedded SIP container '" + name + "' is not started");
        }
        return embedded;
    }

    /** {@code @ArquillianResource SipEndpoint}: where the container listens. */
    public static final class EndpointProvider implements ResourceProvider {
        @Inject
        @SuppressWarnings("rawtypes")
        private Instance<Container> container;
        @Inject
        private Instance<ContainerRegistry> registry;

        @Override
        public boolean canProvide(Class<?> type) {
            return SipEndpoint.class.equals(type);
        }

        @Override
        public Object lookup(ArquillianResource resource, Annotation... qualifiers) {
            return current(container, registry).endpoint();
        }
    }

    /** {@code @ArquillianResource SipContainer}: the running container itself (session counts). */
    public static final class ContainerProvider implements ResourceProvider {
        @Inject
        @SuppressWarnings("rawtypes")
        private Instance<Container> container;
        @Inject
        private Instance<ContainerRegistry> registry;

        @Override
        public boolean canProvide(Class<?> type) {
            return org.webims.sip.container.SipContainer.class.equals(type);
        }

        @Override
        public Object lookup(ArquillianResource resource, Annotation... qualifiers) {
            return current(container, registry).sipContainer();
        }
    }
}
