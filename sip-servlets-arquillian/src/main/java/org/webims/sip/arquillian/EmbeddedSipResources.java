package org.webims.sip.arquillian;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Objects;
import org.jboss.arquillian.container.spi.Container;
import org.jboss.arquillian.container.spi.ContainerRegistry;
import org.jboss.arquillian.container.spi.client.deployment.DeploymentScenario;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.arquillian.test.spi.enricher.resource.ResourceProvider;

/**
 * Finds the embedded container a test talks to, in this order: the container of the test's
 * deployment (its only one, or the one {@code @OperateOnDeployment} on the test method names);
 * the one container all the test class's deployments target; the only started embedded SIP
 * container; the one arquillian.xml marks default.
 */
abstract class EmbeddedSipResources implements ResourceProvider {
    @Inject
    @SuppressWarnings("rawtypes")
    private Instance<Container> activeContainer;
    @Inject
    private Instance<DeploymentScenario> scenario;
    @Inject
    private Instance<ContainerRegistry> registry;

    @SuppressWarnings("rawtypes")
    final EmbeddedSipContainer current() {
        Container active = activeContainer.get();
        if (active != null && active.getDeployableContainer() instanceof EmbeddedSipContainer embedded) {
            return started(embedded, active.getName());
        }
        ContainerRegistry containers = registry.get();
        if (containers == null) {
            throw new IllegalStateException("no Arquillian container registry: is this test run by ArquillianExtension?");
        }
        List<Container> targeted = targetedByTheTestClass(containers);
        if (targeted.size() == 1 && targeted.get(0).getDeployableContainer() instanceof EmbeddedSipContainer embedded) {
            return started(embedded, targeted.get(0).getName());
        }
        List<Container> started = containers.getContainers().stream()
                .filter(c -> c.getDeployableContainer() instanceof EmbeddedSipContainer e && e.endpoint() != null)
                .toList();
        List<Container> candidates = started.size() > 1
                ? started.stream().filter(c -> c.getContainerConfiguration().isDefault()).toList() : started;
        if (candidates.size() != 1) {
            throw new IllegalStateException(started.size() + " embedded SIP containers are started and the test's"
                    + " deployments name none of them; put @OperateOnDeployment on the test method");
        }
        return (EmbeddedSipContainer) candidates.get(0).getDeployableContainer();
    }

    @SuppressWarnings("rawtypes")
    private List<Container> targetedByTheTestClass(ContainerRegistry containers) {
        DeploymentScenario deployments = scenario.get();
        if (deployments == null) {
            return List.of();
        }
        return deployments.targets().stream().map(containers::getContainer).filter(Objects::nonNull).distinct().toList();
    }

    private static EmbeddedSipContainer started(EmbeddedSipContainer embedded, String name) {
        if (embedded.endpoint() == null) {
            throw new IllegalStateException("the embedded SIP container '" + name + "' is not started");
        }
        return embedded;
    }

    /** {@code @ArquillianResource SipEndpoint}: where the container listens. */
    public static final class EndpointProvider extends EmbeddedSipResources {
        @Override
        public boolean canProvide(Class<?> type) {
            return SipEndpoint.class.equals(type);
        }

        @Override
        public Object lookup(ArquillianResource resource, Annotation... qualifiers) {
            return current().endpoint();
        }
    }

    /** {@code @ArquillianResource SipContainer}: the running container itself (session counts). */
    public static final class ContainerProvider extends EmbeddedSipResources {
        @Override
        public boolean canProvide(Class<?> type) {
            return org.webims.sip.container.SipContainer.class.equals(type);
        }

        @Override
        public Object lookup(ArquillianResource resource, Annotation... qualifiers) {
            return current().sipContainer();
        }
    }
}
