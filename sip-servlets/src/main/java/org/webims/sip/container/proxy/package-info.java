/**
 * The stateful proxy of JSR 289 chapter 10 (RFC 3261 §16): {@link org.webims.sip.container.proxy.ContainerProxy}
 * and its branches fork a request, relay and choose responses; {@link org.webims.sip.container.proxy.ProxyLayer}
 * is where the container's dispatcher hands it what comes back.
 */
package org.webims.sip.container.proxy;
