package org.webims.sip.container.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.webims.sip.container.deploy.ScannedAnnotations.Annotated;

/**
 * Merges sip.xml with the annotations into one {@link SipApplicationDescriptor}. The rule: where
 * both speak, sip.xml wins (it is how a deployer overrides a packaged application, as web.xml
 * overrides annotations in Servlet 3.1 §8.2.3); otherwise each contributes what it declares.
 * <ul>
 *   <li>name: sip.xml app-name, else {@code @SipApplication(name)}, else the applicationName the
 *       annotated classes agree on, else (SIP Servlet 1.0 files only) the display-name;</li>
 *   <li>servlets: sip.xml's, then annotated classes not already declared there by name or class;</li>
 *   <li>listeners: sip.xml's, then annotated ones, each class once;</li>
 *   <li>selection: sip.xml's main-servlet or mappings, else {@code @SipApplication(mainServlet)},
 *       else the only servlet when there is exactly one;</li>
 *   <li>session timeout, proxy timeout, display name, description: sip.xml, else the annotation;
 *       distributable if either says so.</li>
 * </ul>
 */
final class DescriptorMerger {

    private DescriptorMerger() {
    }

    static SipApplicationDescriptor merge(Optional<SipXmlContent> xml, ScannedAnnotations annotations,
            ApplicationLayout layout) throws DeploymentException {
        Optional<AnnotatedApplication> app = annotations.application();
        String name = applicationName(xml, annotations, layout);
        checkApplicationNames(name, app.flatMap(AnnotatedApplication::name), annotations);

        List<ServletDefinition> servlets = servlets(xml, annotations);
        List<ListenerDefinition> listeners = listeners(xml, annotations);

        List<ServletMapping> mappings = xml.map(SipXmlContent::servletMappings).orElse(List.of());
        Optional<DeclaredName> main = mainServlet(xml, app, mappings, servlets);
        if (main.isPresent() && servlets.stream().noneMatch(s -> s.name().equals(main.get().name()))) {
            throw new DeploymentException(main.get().source(),
                    "main servlet '" + main.get().name() + "' is not a declared servlet");
        }
        for (ServletMapping m : mappings) {
            if (servlets.stream().noneMatch(s -> s.name().equals(m.servletName()))) {
                throw new DeploymentException(m.source(), "servlet-mapping names unknown servlet '" + m.servletName() + "'");
            }
        }

        int sessionTimeout = xml.flatMap(x -> boxed(x.sessionTimeoutMinutes()))
                .or(() -> app.map(AnnotatedApplication::sessionTimeoutMinutes))
                .orElse(SipApplicationDescriptor.DEFAULT_SESSION_TIMEOUT_MINUTES);
        OptionalInt proxyTimeout = xml.map(SipXmlContent::proxyTimeoutSeconds).filter(OptionalInt::isPresent)
                .or(() -> app.map(a -> OptionalInt.of(a.proxyTimeoutSeconds()))).orElse(OptionalInt.empty());
        Map<String, String> contextParams = xml.map(SipXmlContent::contextParams).orElse(Map.of());
        return new SipApplicationDescriptor(name,
                xml.flatMap(SipXmlContent::displayName).or(() -> app.flatMap(AnnotatedApplication::displayName)),
                xml.flatMap(SipXmlContent::description).or(() -> app.flatMap(AnnotatedApplication::description)),
                xml.map(SipXmlContent::distributable).orElse(false) || app.map(AnnotatedApplication::distributable).orElse(false),
                contextParams, listeners, servlets, main.map(DeclaredName::name), mappings, sessionTimeout, proxyTimeout);
    }

    private static Optional<DeclaredName> mainServlet(Optional<SipXmlContent> xml, Optional<AnnotatedApplication> app,
            List<ServletMapping> mappings, List<ServletDefinition> servlets) {
        if (!mappings.isEmpty()) {
            return Optional.empty();
        }
        Optional<DeclaredName> declared = xml.flatMap(SipXmlContent::mainServlet)
                .or(() -> app.flatMap(AnnotatedApplication::mainServlet));
        if (declared.isEmpty() && servlets.size() == 1) {
            // nothing else can select a lone servlet, so it is the main one (our rule; documented above)
            return Optional.of(new DeclaredName(servlets.get(0).name(), servlets.get(0).source()));
        }
        return declared;
    }

    private static String applicationName(Optional<SipXmlContent> xml, ScannedAnnotations annotations,
            ApplicationLayout layout) throws DeploymentException {
        Optional<String> declared = xml.flatMap(SipXmlContent::appName)
                .or(() -> annotations.application().flatMap(AnnotatedApplication::name));
        if (declared.isPresent()) {
            return declared.get();
        }
        Optional<String> fromClasses = agreedApplicationName(annotations);
        if (fromClasses.isPresent()) {
            return fromClasses.get();
        }
        Optional<String> legacy = xml.filter(SipXmlContent::version10).flatMap(SipXmlContent::displayName);
        if (legacy.isPresent()) {
            return legacy.get();
        }
        if (xml.isPresent()) {
            throw new DeploymentException(xml.get().root(), "missing <app-name> (JSR 289 sip-app 1.1 requires it)");
        }
        SourceLocation where = annotations.application().map(AnnotatedApplication::source)
                .orElse(SourceLocation.of(layout.displayRoot()));
        throw new DeploymentException(where, "no application name: give @SipApplication(name) or sip.xml <app-name>");
    }

    /** The applicationName of annotated classes when nothing else names the application; they must agree. */
    private static Optional<String> agreedApplicationName(ScannedAnnotations annotations) throws DeploymentException {
        String agreed = null;
        for (Annotated<?> a : allAnnotated(annotations)) {
            if (a.applicationName().isEmpty()) {
                continue;
            }
            if (agreed == null) {
                agreed = a.applicationName();
            } else if (!agreed.equals(a.applicationName())) {
                throw new DeploymentException(a.source(), "applicationName '" + a.applicationName()
                        + "' differs from '" + agreed + "' given by another annotated class");
            }
        }
        return Optional.ofNullable(agreed);
    }

    /** An annotated class that names an application must name this one (by its final or its annotated name). */
    private static void checkApplicationNames(String name, Optional<String> annotatedName, ScannedAnnotations annotations)
            throws DeploymentException {
        for (Annotated<?> a : allAnnotated(annotations)) {
            String claimed = a.applicationName();
            if (!claimed.isEmpty() && !claimed.equals(name) && !annotatedName.map(claimed::equals).orElse(false)) {
                throw new DeploymentException(a.source(),
                        "applicationName '" + claimed + "' is not this application ('" + name + "')");
            }
        }
    }

    private static List<Annotated<?>> allAnnotated(ScannedAnnotations annotations) {
        List<Annotated<?>> all = new ArrayList<>(annotations.servlets());
        all.addAll(annotations.listeners());
        all.addAll(annotations.applicationKeys());
        return all;
    }

    private static List<ServletDefinition> servlets(Optional<SipXmlContent> xml, ScannedAnnotations annotations)
            throws DeploymentException {
        List<ServletDefinition> servlets = new ArrayList<>(xml.map(SipXmlContent::servlets).orElse(List.of()));
        Map<String, ServletDefinition> byName = new HashMap<>();
        servlets.forEach(s -> byName.put(s.name(), s));
        for (Annotated<ServletDefinition> a : annotations.servlets()) {
            ServletDefinition s = a.declaration();
            boolean inSipXml = xml.map(x -> x.servlets().stream()
                    .anyMatch(d -> d.name().equals(s.name()) || d.className().equals(s.className()))).orElse(false);
            if (inSipXml) {
                continue;
            }
            ServletDefinition earlier = byName.putIfAbsent(s.name(), s);
            if (earlier != null) {
                throw new DeploymentException(s.source(), "duplicate servlet name '" + s.name() + "': also on "
                        + earlier.className());
            }
            servlets.add(s);
        }
        return servlets;
    }

    private static List<ListenerDefinition> listeners(Optional<SipXmlContent> xml, ScannedAnnotations annotations) {
        Map<String, ListenerDefinition> byClass = new LinkedHashMap<>();
        xml.ifPresent(x -> x.listeners().forEach(l -> byClass.putIfAbsent(l.className(), l)));
        annotations.listeners().forEach(a -> byClass.putIfAbsent(a.declaration().className(), a.declaration()));
        return List.copyOf(byClass.values());
    }

    private static Optional<Integer> boxed(OptionalInt value) {
        return value.isPresent() ? Optional.of(value.getAsInt()) : Optional.empty();
    }
}
