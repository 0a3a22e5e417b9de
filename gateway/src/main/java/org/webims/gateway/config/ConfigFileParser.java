package org.webims.gateway.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the gateway's configuration format: one {@code key = value} a line, {@code #} starts a
 * comment line, blank lines ignored. Keeps each value's line for error messages.
 */
public final class ConfigFileParser {
    private static final int MAX_LINE_CHARS = 4096;

    private ConfigFileParser() {
    }

    public static Map<String, ConfigValue> parse(String fileName, Reader reader)
            throws IOException, ConfigException {
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        BufferedReader lines = new BufferedReader(reader);
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            ConfigOrigin origin = ConfigOrigin.fileLine(fileName, number);
            if (line.length() > MAX_LINE_CHARS) {
                throw new ConfigException(origin + ": line longer than " + MAX_LINE_CHARS + " characters");
            }
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                throw new ConfigException(origin + ": expected 'key = value', found '" + trimmed + "'");
            }
            String key = trimmed.substring(0, equals).strip();
            String text = trimmed.substring(equals + 1).strip();
            if (values.containsKey(key)) {
                throw ConfigException.at(origin, key, "given twice (first at "
                        + values.get(key).origin() + ")");
            }
            values.put(key, new ConfigValue(key, text, origin));
        }
        return values;
    }
}
