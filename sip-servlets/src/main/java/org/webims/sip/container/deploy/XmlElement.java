package org.webims.sip.container.deploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An element of a parsed descriptor with the line its start tag ends on, so every complaint about
 * it can name file and line. Names are local names: sip.xml mixes the sipservlet and javaee
 * namespaces, and SIP Servlet 1.0 files have none.
 *
 * @param text the element's own character data, trimmed
 */
record XmlElement(String name, SourceLocation location, Map<String, String> attributes, String text,
        List<XmlElement> children) {

    XmlElement {
        attributes = Map.copyOf(attributes);
        children = List.copyOf(children);
    }

    List<XmlElement> children(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    Optional<XmlElement> child(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }

    /** The text of the first child with that name, if there is one. */
    Optional<String> childText(String childName) {
        return child(childName).map(XmlElement::text);
    }
}
