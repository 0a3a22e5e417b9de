package org.webims.gateway.config;

/**
 * The {@code demo.ims*} keys of conf/gateway.conf: whether the gateway starts the test IMS core
 * beside itself, and where its S-CSCF and P-CSCF listen.
 *
 * @param scscf null when off
 * @param pcscf null when off
 */
public record DemoImsConfig(boolean enabled, ConfigValues.HostPort scscf, ConfigValues.HostPort pcscf) {

    static DemoImsConfig from(ConfigValues values) throws ConfigException {
        if (!values.bool("demo.ims")) {
            return new DemoImsConfig(false, null, null);
        }
        ConfigValues.HostPort scscf = values.hostPortOrOff("demo.ims.scscf.listen");
        ConfigValues.HostPort pcscf = values.hostPortOrOff("demo.ims.pcscf.listen");
        if (scscf == null || pcscf == null) {
            throw values.get(scscf == null ? "demo.ims.scscf.listen" : "demo.ims.pcscf.listen")
                    .error("needs host:port while demo.ims is on");
        }
        if (scscf.equals(pcscf)) {
            throw values.get("demo.ims.pcscf.listen").error("is the S-CSCF's address too; give each its own port");
        }
        return new DemoImsConfig(true, scscf, pcscf);
    }

    /** The S-CSCF as a loose route, the interworking application's next hop toward the demo IMS. */
    public String scscfUri() {
        return "sip:" + scscf + ";lr";
    }
}
