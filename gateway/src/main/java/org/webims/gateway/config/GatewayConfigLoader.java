package org.webims.gateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Merges configuration layers, later ones winning: the embedded defaults ({@code conf/gateway.conf}
 * in the source tree), a file given with {@code --config} or {@code WEBIMS_CONFIG}, environment
 * variables ({@code WEBIMS_SIP_UDP_LISTEN} for {@code sip.udp.listen}), then {@code --key=value} flags.
 * Every key must appear in the defaults file, which is therefore the complete list of settings.
 */
public final class GatewayConfigLoader {
    public static final String DEFAULTS_RESOURCE = "gateway.conf";
    static final String ENV_PREFIX = "WEBIMS_";

    private final Map<String, String> environment;

    public GatewayConfigLoader(Map<String, String> environment) {
        this.environment = environment;
    }

    public ConfigValues load(List<String> args) throws ConfigException {
        Map<String, ConfigValue> merged = new LinkedHashMap<>(embeddedDefaults());
        CommandLine commandLine = CommandLine.parse(args);

        String configFile = commandLine.configFile();
        if (configFile == null) {
            configFile = environment.get(ENV_PREFIX + "CONFIG");
        }
        if (configFile != null) {
            overlay(merged, readFile(Path.of(configFile)));
        }
        for (String key : List.copyOf(merged.keySet())) {
            String variable = environmentName(key);
            String text = environment.get(variable);
            if (text != null) {
                merged.put(key, new ConfigValue(key, text.strip(), ConfigOrigin.environment(variable)));
            }
        }
        overlay(merged, commandLine.settings());
        return new ConfigValues(merged);
    }

    /** {@code sip.udp.listen} is read from {@code WEBIMS_SIP_UDP_LISTEN}. */
    public static String environmentName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static void overlay(Map<String, ConfigValue> merged, Map<String, ConfigValue> layer)
            throws ConfigException {
        for (ConfigValue value : layer.values()) {
            if (!merged.containsKey(value.key())) {
                throw value.error("unknown setting (the documented keys are those in conf/gateway.conf)");
            }
            merged.put(value.key(), value);
        }
    }

    private static Map<String, ConfigValue> embeddedDefaults() {
        try (InputStream in = GatewayConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("embedded " + DEFAULTS_RESOURCE + " missing from the build");
            }
            return ConfigFileParser.parse("(embedded) gateway.conf", new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException | ConfigException e) {
            throw new IllegalStateException("embedded defaults unreadable", e);
        }
    }

    private static Map<String, ConfigValue> readFile(Path file) throws ConfigException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return ConfigFileParser.parse(file.toString(), reader);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such configuration file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
    }
}
