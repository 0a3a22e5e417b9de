package org.webims.sip.arquillian;

/** sip.xml descriptors for the test applications. */
final class SipXml {
    private SipXml() {
    }

    /** A sip.xml naming one servlet, main servlet of {@code appName}, with context-params as name, value pairs. */
    static String mainServlet(String appName, Class<?> servlet, String... contextParams) {
        StringBuilder params = new StringBuilder();
        for (int i = 0; i + 1 < contextParams.length; i += 2) {
            params.append("  <context-param><param-name>").append(contextParams[i])
                    .append("</param-name><param-value>").append(contextParams[i + 1])
                    .append("</param-value></context-param>\n");
        }
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
                """.formatted(appName, params, servlet.getSimpleName(), servlet.getSimpleName(), servlet.getName());
    }
}
