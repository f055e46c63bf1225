package org.neurostream.streams.format.edf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.neurostream.streams.format.RecordingFormatException;

/**
 * Every proper prefix of a valid EDF/BDF/GDF file (the generated files in test-data/edf-generated/) is rejected
 * with a {@link RecordingFormatException} whose offset lies inside the prefix or at its end: a cut anywhere, in the
 * header, a data record, a TAL or the GDF event table, is never read as a shorter recording. (The one exception is
 * inherent to GDF: cut right after the data records, it is a valid file without its optional event table.)
 */
class EdfReaderTruncationPropertyTest {
    private static final String[] FILES = {"bdf_plus.bdf", "plain.bdf", "edf_plus_d.edf", "two_rates.edf",
            "sample.gdf"};
    /** sample.gdf: 1024 header bytes and 4 records of 3 × 250 int16 samples. */
    private static final int SAMPLE_GDF_WITHOUT_EVENT_TABLE = 1024 + 4 * 1500;

    record Cut(String file, byte[] prefix) {
        @Override
        public String toString() {
            return file + " cut to " + prefix.length + " bytes";
        }
    }

    @Provide
    Arbitrary<Cut> cuts() {
        return Arbitraries.of(FILES).flatMap(name -> {
            byte[] content = read(name);
            // A GDF file cut exactly after its data records is a valid GDF file without the (optional) event table.
            int gdfWithoutEvents = name.endsWith(".gdf") ? SAMPLE_GDF_WITHOUT_EVENT_TABLE : -1;
            return Arbitraries.integers().between(0, content.length - 1)
                    .filter(length -> length != gdfWithoutEvents)
                    .map(length -> new Cut(name, Arrays.copyOf(content, length)));
        });
    }

    @Property(tries = 300)
    void everyProperPrefixFailsWithAnOffsetInsideIt(@ForAll("cuts") Cut cut) {
        Path name = Path.of(cut.file());
        assertThatThrownBy(() -> {
            if (cut.file().endsWith(".gdf")) {
                GdfReader.read(cut.prefix(), name);
            } else {
                EdfReader.read(cut.prefix(), name);
            }
        }).isInstanceOfSatisfying(RecordingFormatException.class, e -> {
            assertThat(e.file()).isEqualTo(name);
            assertThat(e.byteOffset()).isBetween(0L, (long) cut.prefix().length);
        });
    }

    private static byte[] read(String name) {
        try {
            return Files.readAllBytes(EdfTestData.file("edf-generated/" + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
