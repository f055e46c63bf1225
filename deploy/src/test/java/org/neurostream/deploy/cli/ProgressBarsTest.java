package org.neurostream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import me.tongfei.progressbar.ProgressBar;
import org.junit.jupiter.api.Test;

class ProgressBarsTest {

    @Test
    void nonTerminalGetsPlainLinesWithoutCarriageReturnsOrEscapeCodes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (ProgressBar bar = ProgressBars.start("Cross-validation", 40, " folds", false, err)) {
            bar.stepTo(40);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);

        assertThat(text).contains("Cross-validation").contains("40/40");
        assertThat(text).doesNotContain("\r").doesNotContain("\u001b");
    }
}
