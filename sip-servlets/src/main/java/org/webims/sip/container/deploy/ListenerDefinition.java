package org.webims.sip.container.deploy;

/** A listener class of the application, from a sip.xml {@code <listener>} or a {@code @SipListener} class. */
public record ListenerDefinition(String className, SourceLocation source) {
}
