package org.webims.sip.container.deploy;

import java.util.Optional;

/** What a package-info {@code @SipApplication} says; empty strings of the annotation are empty here. */
record AnnotatedApplication(Optional<String> name, Optional<String> displayName, Optional<String> description,
        boolean distributable, Optional<DeclaredName> mainServlet, int sessionTimeoutMinutes, int proxyTimeoutSeconds,
        SourceLocation source) {
}
