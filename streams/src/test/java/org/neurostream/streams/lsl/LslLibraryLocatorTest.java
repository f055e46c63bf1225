package org.neurostream.streams.lsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LslLibraryLocatorTest {
    @TempDir
    Path dir;

    @Test
    void configuredPathThatDoesNotExistNamesTheSettingAndHowToInstall() {
        assertThatThrownBy(() -> LslLibraryLocator.locate("/nope/liblsl.so", null, dir, null))
                .isInstanceOf(LslLibraryNotFoundException.class)
                .hasMessageContaining("system property neurostream.liblsl.path")
                .hasMessageContaining("/nope/liblsl.so")
                .hasMessageContaining("scripts/setup")
                .hasMessageContaining("pip install pylsl");
        assertThatThrownBy(() -> LslLibraryLocator.locate(null, "/nope/liblsl.so", dir, null))
                .hasMessageContaining("environment variable NEUROSTREAM_LIBLSL");
    }

    @Test
    void propertyWinsOverEnvironmentAndProjectFolder() throws IOException {
        Path a = Files.createFile(dir.resolve("a.so"));
        Path b = Files.createFile(dir.resolve("b.so"));
        assertThat(LslLibraryLocator.locate(a.toString(), b.toString(), dir, null).library())
                .isEqualTo(a.toString());
        assertThat(LslLibraryLocator.locate(" ", b.toString(), dir, null).library()).isEqualTo(b.toString());
    }

    @Test
    void projectInstallFolderIsFoundFromASubdirectoryOrTheCodeLocation() throws IOException {
        Path lib = dir.resolve(".neurostream/lib/" + System.mapLibraryName("lsl"));
        Files.createDirectories(lib.getParent());
        Files.createFile(lib);
        Path module = Files.createDirectories(dir.resolve("streams/target"));
        assertThat(LslLibraryLocator.locate(null, null, module, null).library()).isEqualTo(lib.toString());
        assertThat(LslLibraryLocator.locate(null, null, Path.of("/"), module).library()).isEqualTo(lib.toString());
    }

    @Test
    void fallsBackToTheSystemLibrary() {
        LslLibraryLocator.Location location = LslLibraryLocator.locate(null, null, dir, null);
        assertThat(location.library()).isEqualTo("lsl");
        assertThat(location.origin()).contains("system");
    }
}
