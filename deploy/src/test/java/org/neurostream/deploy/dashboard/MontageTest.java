package org.neurostream.deploy.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class MontageTest {

    @Test
    void theBundledMontageIsReadOnceAndShared() {
        Montage first = Montage.standard1005();
        assertThat(Montage.standard1005()).isSameAs(first);
    }

    @Test
    void sharingIsSafeBecausePositionsAreHandedOutAsCopies() {
        Montage montage = Montage.standard1005();
        double[] cz = montage.position("Cz");
        double[] kept = cz.clone();
        cz[0] = 42;
        cz[1] = -42;
        assertThat(Montage.standard1005().position("Cz")).containsExactly(kept);
    }

    @Test
    void positionsAreTheBundledFilesWhateverTheLabelDecoration() throws Exception {
        JsonNode root;
        try (InputStream in = Montage.class.getResourceAsStream("montage-standard_1005.json")) {
            root = new ObjectMapper().readTree(in);
        }
        JsonNode fc5 = root.get("positions").get("FC5");
        Montage montage = Montage.standard1005();
        assertThat(montage.position("EEG Fc5.-REF")).containsExactly(fc5.get(0).asDouble(), fc5.get(1).asDouble());
        assertThat(montage.headRadius()).isEqualTo(root.get("headRadius").asDouble());
        assertThat(montage.position("not an electrode")).isNull();
    }
}
