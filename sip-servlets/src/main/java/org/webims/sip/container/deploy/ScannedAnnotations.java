package org.webims.sip.container.deploy;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;

/** The JSR 289 annotations found in an application's classes, in scanning order. */
record ScannedAnnotations(Optional<AnnotatedApplication> application, List<Annotated<ServletDefinition>> servlets,
        List<Annotated<ListenerDefinition>> listeners, List<Annotated<Method>> applicationKeys) {

    /** A declaration from an annotation, with the annotation's applicationName (empty when not given). */
    record Annotated<T>(T declaration, String applicationName, SourceLocation source) {
    }

    /** Neither an application, a servlet nor a listener: nothing that makes an application. */
    boolean declaresNothing() {
        return application.isEmpty() && servlets.isEmpty() && listeners.isEmpty();
    }
}
