package org.webims.sip.container.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads an XML descriptor into {@link XmlElement}s that remember their lines. Never touches the
 * network or the file system beyond the file itself: no external DTD, no external entities
 * (SIP Servlet 1.0 files name a DTD on jcp.org; XXE is the security reason).
 */
final class LocatedXmlReader {

    private LocatedXmlReader() {
    }

    /** @param displayName how errors name the file (an archive path shows as archive!/WEB-INF/sip.xml) */
    static XmlElement read(Path file, String displayName) throws DeploymentException {
        Handler handler = new Handler(displayName);
        try (InputStream in = Files.newInputStream(file)) {
            InputSource source = new InputSource(in);
            source.setSystemId(file.toUri().toString());
            newParser().parse(source, handler);
        } catch (SAXParseException e) {
            throw new DeploymentException(displayName, Math.max(e.getLineNumber(), 0), "malformed XML: " + e.getMessage(), e);
        } catch (SAXException e) {
            throw new DeploymentException(displayName, handler.line(), "malformed XML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DeploymentException(displayName, 0, "cannot read: " + e, e);
        }
        return handler.root;
    }

    private static SAXParser newParser() throws SAXException {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return factory.newSAXParser();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's SAX parser lacks a required feature", e);
        }
    }

    private static final class Handler extends DefaultHandler {
        private final String displayName;
        private final Deque<Builder> open = new ArrayDeque<>();
        private Locator locator;
        private XmlElement root;

        Handler(String displayName) {
            this.displayName = displayName;
        }

        int line() {
            return locator == null ? 0 : Math.max(locator.getLineNumber(), 0);
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public InputSource resolveEntity(String publicId, String systemId) {
            // Whatever a DOCTYPE or entity names, read nothing.
            return new InputSource(new StringReader(""));
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            Map<String, String> attrs = new HashMap<>();
            for (int i = 0; i < attributes.getLength(); i++) {
                String name = attributes.getLocalName(i);
                attrs.put(name == null || name.isEmpty() ? attributes.getQName(i) : name, attributes.getValue(i));
            }
            String name = localName == null || localName.isEmpty() ? qName : localName;
            open.push(new Builder(name, new SourceLocation(displayName, line()), attrs));
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            Builder current = open.peek();
            if (current != null) {
                current.text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            XmlElement done = open.pop().build();
            if (open.isEmpty()) {
                root = done;
            } else {
                open.peek().children.add(done);
            }
        }
    }

    private static final class Builder {
        final String name;
        final SourceLocation location;
        final Map<String, String> attributes;
        final StringBuilder text = new StringBuilder();
        final List<XmlElement> children = new ArrayList<>();

        Builder(String name, SourceLocation location, Map<String, String> attributes) {
            this.name = name;
            this.location = location;
            this.attributes = attributes;
        }

        XmlElement build() {
            return new XmlElement(name, location, attributes, text.toString().trim(), children);
        }
    }
}
