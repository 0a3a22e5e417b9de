package org.webims.ims.profile;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An element of a validated profile with the line and column where its start tag ends, so that
 * semantic checks can point at it. Attribute values include the schema's defaults.
 */
record XmlNode(String name, int line, int column, Map<String, String> attributes, String text,
        List<XmlNode> children) {

    XmlNode {
        attributes = Map.copyOf(attributes);
        children = List.copyOf(children);
    }

    List<XmlNode> all(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    Optional<XmlNode> child(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }

    /** A child the schema makes mandatory. */
    XmlNode required(String childName) {
        return child(childName).orElseThrow(() -> new IllegalStateException("schema lets <" + childName
                + "> be absent from <" + name + ">"));
    }

    Optional<String> attribute(String attributeName) {
        return Optional.ofNullable(attributes.get(attributeName));
    }

    /** An attribute that is required or has a default in the schema. */
    String attr(String attributeName) {
        return attribute(attributeName).orElseThrow(() -> new IllegalStateException("schema lets @" + attributeName
                + " be absent from <" + name + ">"));
    }
}
