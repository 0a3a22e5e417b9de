package org.webims.sip.container.apps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes application folders (WEB-INF/sip.xml) for tests; the classes come from the test classpath. */
public final class TestApplications {
    private TestApplications() {
    }

    public static Path folder(Path parent, String name, String sipXml) throws IOException {
        Path app = parent.resolve(name);
        Files.createDirectories(app.resolve("WEB-INF/classes"));
        Files.writeString(app.resolve("WEB-INF/sip.xml"), sipXml);
        return app;
    }

    /** A sip.xml with one servlet as main servlet and the given context parameters (name, value pairs). */
    public static String sipXml(String appName, Class<?> servlet, String... contextParams) {
        StringBuilder params = new StringBuilder();
        for (int i = 0; i + 1 < contextParams.length; i += 2) {
            params.append("  <context-param><param-name>").append(contextParams[i])
                    .append("</param-name><param-value>").append(contextParams[i + 1])
                    .append("</param-value></context-param>\n");
        }
        String servletName = servlet.getSimpleName();
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <sip-app xmlns="http://www.jcp.org/xml/ns/sipservlet" xmlns:javaee="http://java.sun.com/xml/ns/javaee" version="1.1">
                  <app-name>%s</app-name>
                %s  <servlet-selection><main-servlet>%s</main-servlet></servlet-selection>
                  <servlet>
                    <javaee:servlet-name>%s</javaee:servlet-name>
                    <javaee:servlet-class>%s</javaee:servlet-class>
                    <javaee:load-on-startup>1</javaee:load-on-startup>
                  </servlet>
                </sip-app>
                """.formatted(appName, params, servletName, servletName, servlet.getName());
    }

    /** {@code sipXml} with {@code listener} declared as the application's listener (JSR 289 §2.1.1 listener discovery). */
    public static String withListener(String sipXml, Class<?> listener) {
        return sipXml.replace("  <servlet-selection>", "  <listener><javaee:listener-class>"
                + listener.getName() + "</javaee:listener-class></listener>\n  <servlet-selection>");
    }
}
