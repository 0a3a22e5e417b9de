package org.webims.sip.container.deploy;

/**
 * The values servlet-mapping patterns test (JSR 289 §16.3): {@code request.method},
 * {@code request.uri.host}, {@code request.from.display-name}... The variable names are those
 * {@link PatternVariable} accepts.
 */
@FunctionalInterface
public interface RequestVariables {
    /** The variable's value, or null when the request has none (a tel URI has no host). */
    String resolve(String variable);
}
