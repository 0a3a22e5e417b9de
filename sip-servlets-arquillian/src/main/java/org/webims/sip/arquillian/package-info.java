/**
 * An Arquillian container adapter for our SIP servlet container, embedded in the test's JVM.
 *
 * <p>Use: depend on {@code org.webims:sip-servlets-arquillian} and
 * {@code org.jboss.arquillian.junit5:arquillian-junit5-container} (test scope); the adapter
 * registers itself ({@link org.webims.sip.arquillian.EmbeddedSipContainerExtension}, a
 * LoadableExtension service). Tests are JUnit 5 classes with
 * {@code @ExtendWith(ArquillianExtension.class)} whose {@code @Deployment} methods return a
 * ShrinkWrap WebArchive (WEB-INF/sip.xml and/or annotated classes) or a JavaArchive of annotated
 * classes. Tests run as a client, {@code @Deployment(testable = false)} or {@code @RunAsClient},
 * and talk SIP to the container with real peers; in-container tests are not supported (the Local
 * protocol would call the test method outside JUnit 5's lifecycle). {@code @ArquillianResource SipEndpoint} says where the container listens (its
 * port is chosen at start unless arquillian.xml sets one); {@code @ArquillianResource SipContainer}
 * gives the running container, for its live session counts. Settings are in
 * {@link org.webims.sip.arquillian.EmbeddedSipContainerConfiguration}. A deployment that fails
 * throws Arquillian's DeploymentException with the container's "file:line: reason".
 */
package org.webims.sip.arquillian;
