package org.neurostream.video.delta;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.neurostream.delta.model.DeltaModelFiles;
import org.neurostream.delta.net.NetworkSpec;

/**
 * The frame CNN shipped with neurostream, trained with the temporal-sparsity objective on generated moving-shape
 * videos (32×32 grey frames on a [0, 1] scale → conv 3×3×8 stride 2 → ReLU → quantizer → conv 3×3×16 stride 2 → ReLU →
 * quantizer → max-pool 2 → flatten → dense 4 shape classes). Produced by
 * {@code org.neurostream.delta.train.CnnSparsityTrainingDemo} (fixed seeds; command in docs/benchmarks/video.md) and
 * stored as a delta model file (docs/delta-model-format.md) in this module's resources. The default network of
 * {@code neurostream video}; {@link FrameCnn} is the untrained random-feature baseline.
 */
public final class TrainedFrameCnn {

    /** Class-path location of the model file. */
    public static final String RESOURCE = "moving-shapes-cnn.dmodel";

    private TrainedFrameCnn() {
    }

    /** Loads the model with thresholds 0 (exact delta inference). */
    public static NetworkSpec load() {
        try (InputStream in = TrainedFrameCnn.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("class-path resource " + RESOURCE + " is missing next to "
                        + TrainedFrameCnn.class.getName());
            }
            // DeltaModelFiles reads zip archives from files; the resource may sit inside a jar.
            Path tmp = Files.createTempFile("neurostream-frame-cnn", ".dmodel");
            try {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                return DeltaModelFiles.read(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled model " + RESOURCE, e);
        }
    }
}
