package org.webims.gateway.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The launcher's arguments: {@code --config FILE} and {@code --key=value} settings. */
record CommandLine(String configFile, Map<String, ConfigValue> settings) {

    static CommandLine parse(List<String> args) throws ConfigException {
        String configFile = null;
        Map<String, ConfigValue> settings = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--config")) {
                if (i + 1 >= args.size()) {
                    throw new ConfigException("command line --config: a file name must follow");
                }
                configFile = args.get(++i);
            } else if (arg.startsWith("--config=")) {
                configFile = arg.substring("--config=".length());
            } else if (arg.startsWith("--") && arg.indexOf('=') > 2) {
                int equals = arg.indexOf('=');
                String key = arg.substring(2, equals);
                settings.put(key, new ConfigValue(key, arg.substring(equals + 1).strip(),
                        ConfigOrigin.flag("--" + key)));
            } else {
                throw new ConfigException("command line: '" + arg
                        + "' is not --config FILE or --key=value (see conf/gateway.conf for the keys)");
            }
        }
        return new CommandLine(configFile, settings);
    }
}
