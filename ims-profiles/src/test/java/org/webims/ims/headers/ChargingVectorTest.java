package org.webims.ims.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import javax.sip.message.Request;

import org.junit.jupiter.api.Test;

import gov.nist.javax.sip.header.ims.PChargingFunctionAddressesHeader;
import gov.nist.javax.sip.header.ims.PChargingVectorHeader;

class ChargingVectorTest {

    private final SipFactories sip = SipFactories.standard();
    private final IcidGenerator icids = new IcidGenerator();
    private final ChargingVectorRule rule = new ChargingVectorRule(sip, icids);

    @Test
    void icidValuesAre32HexDigits() {
        for (int i = 0; i < 100; i++) {
            assertTrue(icids.next().matches("[0-9a-f]{32}"));
        }
    }

    @Test
    void icidValuesAreUniqueAcrossThreads() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        seen.add(icids.next());
                    }
                }));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(20_000, seen.size());
    }

    @Test
    void twoGeneratorsInTheSameMillisecondDifferByTheirRandomPart() {
        assertNotEquals(new IcidGenerator().next().substring(16), new IcidGenerator().next().substring(16));
    }

    @Test
    void anOriginatedRequestGetsAFreshIcidAndOurOrigIoi() throws Exception {
        Request r = SipText.outgoingInvite("P-Charging-Vector: icid-value=fromtheweb;orig-ioi=evil.example.org");
        String icid = rule.originate(r, "ims.example.com");

        PChargingVectorHeader pcv = (PChargingVectorHeader) SipText.reparsed(r).getHeader(PChargingVectorHeader.NAME);
        assertEquals(icid, pcv.getICID());
        assertEquals("ims.example.com", pcv.getOriginatingIOI());
        assertEquals(1, Headers.all(r, PChargingVectorHeader.NAME).size());
    }

    @Test
    void aRelayedRequestKeepsTheIncomingChargingVector() throws Exception {
        Request in = SipText.outgoingInvite("P-Charging-Vector: icid-value=1234bc9876e;icid-generated-at=192.0.6.8;"
                + "orig-ioi=home1.net");
        Request out = SipText.outgoingInvite();
        assertEquals(Optional.of("1234bc9876e"), rule.relay(in, out));

        PChargingVectorHeader pcv = (PChargingVectorHeader) SipText.reparsed(out).getHeader(PChargingVectorHeader.NAME);
        assertEquals("1234bc9876e", pcv.getICID());
        assertEquals("192.0.6.8", pcv.getICIDGeneratedAt());
        assertEquals("home1.net", pcv.getOriginatingIOI());
    }

    private static Request thirdPartyRegister(int expires) throws Exception {
        return SipText.request(
                "REGISTER sip:webims.ims.example.com SIP/2.0",
                "Via: SIP/2.0/UDP scscf.ims.example.com;branch=z9hG4bK-reg-" + expires,
                "Max-Forwards: 70",
                "From: <sip:scscf.ims.example.com>;tag=s1",
                "To: <sip:+15551234@ims.example.com>",
                "Call-ID: reg-1@scscf.ims.example.com",
                "CSeq: 7 REGISTER",
                "Contact: <sip:scscf.ims.example.com>",
                "Expires: " + expires,
                "P-Charging-Vector: icid-value=reg0a1b2c3d;orig-ioi=ims.example.com",
                "P-Charging-Function-Addresses: ccf=192.1.1.1;ccf=192.1.1.2;ecf=192.1.1.3",
                "Content-Length: 0");
    }

    @Test
    void keepsTheChargingDataOfAThirdPartyRegister() throws Exception {
        ThirdPartyRegistrations registrations = new ThirdPartyRegistrations();
        registrations.accept(thirdPartyRegister(600000));

        RegistrationCharging kept = registrations.forImpu("sip:+15551234@ims.example.com").orElseThrow();
        assertEquals(Optional.of("reg0a1b2c3d"), kept.registrationIcid());

        Request out = SipText.outgoingInvite();
        kept.applyTo(out, sip);
        PChargingFunctionAddressesHeader pcfa = (PChargingFunctionAddressesHeader) SipText.reparsed(out)
                .getHeader(PChargingFunctionAddressesHeader.NAME);
        // JAIN-SIP's getChargingCollectionFunctionAddresses() iterates nothing; read the encoded parameters
        String value = pcfa.toString().trim().substring(PChargingFunctionAddressesHeader.NAME.length() + 1).trim();
        assertEquals(Set.of("ccf=192.1.1.1", "ccf=192.1.1.2", "ecf=192.1.1.3"), Set.of(value.split(";")));
    }

    @Test
    void forgetsTheChargingDataWhenTheUserIsDeregistered() throws Exception {
        ThirdPartyRegistrations registrations = new ThirdPartyRegistrations();
        registrations.accept(thirdPartyRegister(600000));
        assertEquals(Optional.empty(), registrations.accept(thirdPartyRegister(0)));
        assertEquals(Optional.empty(), registrations.forImpu("sip:+15551234@ims.example.com"));
    }
}
