package org.webims.interworking.dtmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DtmfInfoBodyTest {

    @Test
    void readsDtmfRelayWithSpacesAnyCaseAndParameters() {
        DtmfInfoBody.Digit d = DtmfInfoBody.parse("Application/DTMF-Relay; charset=utf-8", "signal = b\r\nDURATION= 180\r\n");
        assertEquals(new DtmfInfoBody.Digit('B', 180), d);
    }

    @Test
    void dtmfRelayWithoutDurationAndBareDtmfTakeTheDefault() {
        assertEquals(new DtmfInfoBody.Digit('#', DtmfInfoBody.DEFAULT_DURATION_MS),
                DtmfInfoBody.parse("application/dtmf-relay", "Signal=#\n"));
        assertEquals(new DtmfInfoBody.Digit('*', DtmfInfoBody.DEFAULT_DURATION_MS),
                DtmfInfoBody.parse("application/dtmf", " *\r\n"));
    }

    @Test
    void refusesWhatIsNoDigitOrDurationSayingWhy() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DtmfInfoBody.parse("application/dtmf-relay", "Duration=100")).getMessage().contains("Signal"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DtmfInfoBody.parse("application/dtmf-relay", "Signal=12")).getMessage().contains("'12'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DtmfInfoBody.parse("application/dtmf-relay", "Signal=1\nDuration=-5")).getMessage().contains("-5"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DtmfInfoBody.parse("application/dtmf-relay", "Signal=1\nDuration=99999")).getMessage().contains("99999"));
    }

    @Test
    void knowsWhichContentTypesCarryDtmf() {
        assertTrue(DtmfInfoBody.isDtmf("application/dtmf-relay"));
        assertTrue(DtmfInfoBody.isDtmf("application/dtmf;x=y"));
        assertFalse(DtmfInfoBody.isDtmf("application/sdp"));
        assertFalse(DtmfInfoBody.isDtmf(null));
        assertEquals("Signal=5\r\nDuration=160\r\n", DtmfInfoBody.relayBody('5', 160));
    }
}
