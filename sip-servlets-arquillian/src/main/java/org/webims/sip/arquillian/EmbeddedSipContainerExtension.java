package org.webims.sip.arquillian;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.arquillian.test.spi.enricher.resource.ResourceProvider;

/** Registers the embedded SIP container and its injectable resources with Arquillian. */
public final class EmbeddedSipContainerExtension implements LoadableExtension {
    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(DeployableContainer.class, EmbeddedSipContainer.class);
        builder.service(ResourceProvider.class, EmbeddedSipResources.EndpointProvider.class);
        builder.service(ResourceProvider.class, EmbeddedSipResources.ContainerProvider.class);
    }
}
