package org.webims.sip.container.deploy;

/**
 * A sip.xml servlet-mapping: initial requests matching {@code pattern} go to {@code servletName}
 * (JSR 289 §16.3; mappings are tried in declaration order).
 *
 * @param source the mapping's {@code <servlet-name>} line
 */
public record ServletMapping(String servletName, Condition pattern, SourceLocation source) {
}
