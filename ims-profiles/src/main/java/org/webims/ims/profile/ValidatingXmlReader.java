package org.webims.ims.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URL;
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
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads a profile into {@link XmlNode}s while validating it against carrier-profile.xsd; the
 * first schema or well-formedness error stops the read with its line and column. No DTD, no
 * external entity is ever fetched (XXE).
 */
final class ValidatingXmlReader {

    static final String NAMESPACE = "urn:webims:carrier-profile:1";
    private static final String XSD = "carrier-profile.xsd";
    private static final Schema SCHEMA = loadSchema();

    private ValidatingXmlReader() {
    }

    private static Schema loadSchema() {
        URL xsd = ValidatingXmlReader.class.getResource(XSD);
        if (xsd == null) {
            throw new IllegalStateException(XSD + " missing from the class path");
        }
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return factory.newSchema(xsd);
        } catch (SAXException e) {
            throw new IllegalStateException("the shipped " + XSD + " does not compile", e);
        }
    }

    static XmlNode read(Path file, String displayName) throws ProfileException {
        Handler handler = new Handler();
        try (InputStream in = Files.newInputStream(file)) {
            InputSource source = new InputSource(in);
            source.setSystemId(file.toUri().toString());
            newParser().parse(source, handler);
        } catch (SAXParseException e) {
            throw new ProfileException(displayName, Math.max(e.getLineNumber(), 0), Math.max(e.getColumnNumber(), 0),
                    e.getMessage(), e);
        } catch (SAXException e) {
            throw new ProfileException(displayName, handler.line(), handler.column(), e.getMessage(), e);
        } catch (IOException e) {
            throw new ProfileException(displayName, 0, 0, "cannot read: " + e.getMessage(), e);
        }
        return handler.root;
    }

    private static SAXParser newParser() throws SAXException {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setXIncludeAware(false);
            factory.setSchema(SCHEMA);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            return factory.newSAXParser();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's SAX parser lacks a required feature", e);
        }
    }

    private static final class Handler extends DefaultHandler {
        private final Deque<Open> open = new ArrayDeque<>();
        private Locator locator;
        private XmlNode root;

        int line() {
            return locator == null ? 0 : Math.max(locator.getLineNumber(), 0);
        }

        int column() {
            return locator == null ? 0 : Math.max(locator.getColumnNumber(), 0);
        }

        @Override
        public void setDocumentLocator(Locator value) {
            this.locator = value;
        }

        @Override
        public InputSource resolveEntity(String publicId, String systemId) {
            return new InputSource(new StringReader(""));
        }

        // the schema decides what is valid: every error is fatal, warnings are not errors
        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            Map<String, String> attrs = new HashMap<>();
            for (int i = 0; i < attributes.getLength(); i++) {
                attrs.put(attributes.getLocalName(i), attributes.getValue(i));
            }
            open.push(new Open(localName, line(), column(), attrs));
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            Open current = open.peek();
            if (current != null) {
                current.text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            Open o = open.pop();
            XmlNode done = new XmlNode(o.name, o.line, o.column, o.attributes, o.text.toString().trim(), o.children);
            if (open.isEmpty()) {
                root = done;
            } else {
                open.peek().children.add(done);
            }
        }
    }

    private static final class Open {
        final String name;
        final int line;
        final int column;
        final Map<String, String> attributes;
        final StringBuilder text = new StringBuilder();
        final List<XmlNode> children = new ArrayList<>();

        Open(String name, int line, int column, Map<String, String> attributes) {
            this.name = name;
            this.line = line;
            this.column = column;
            this.attributes = attributes;
        }
    }
}
