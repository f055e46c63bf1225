package org.neurostream.bench.bci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.neurostream.bci.pipeline.Pipeline;
import org.neurostream.bci.pipeline.PipelineSpec;

/**
 * Epochs per second for feature extraction + classification (64 channels × 160 samples) of neurostream's csp-lda,
 * psd-lda and ts-lr pipelines against the same pipelines in MNE / scikit-learn / pyRiemann, measured in the same run:
 * the Python side is bench/scripts/bci_pipelines_bench.py, started as a subprocess on the same epochs.
 *
 * <p>Data: the 45 eegmmidb S001 epochs of MNE's CSP example (test-data/golden/bci-ml/mi_epochs.bin, 64 × 161, cut to
 * 160 samples) train every pipeline; the test set repeats them to {@code nTest} epochs. "batch" times one call over the
 * test set (Java loops over epochs; Python vectorizes), "single" one epoch per call as an online BCI runs. Best of
 * {@code repeats}.
 *
 * <p>Usage: {@code BciPipelineBenchmark REPO_ROOT [nTest=2000] [repeats=5] [singleEpochs=200]}.
 */
public final class BciPipelineBenchmark {
    private static final int N_CH = 64;
    private static final int N_T = 160;

    private BciPipelineBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        int nTest = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int nSingle = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        Path golden = root.resolve("test-data/golden/bci-ml");
        double[] raw = read(golden.resolve("mi_epochs.bin"));
        double[] labelsRaw = read(golden.resolve("mi_labels.bin"));
        int nTrain = labelsRaw.length;
        int srcT = raw.length / (nTrain * N_CH);
        double[][][] train = new double[nTrain][N_CH][N_T];
        for (int e = 0; e < nTrain; e++) {
            for (int c = 0; c < N_CH; c++) {
                System.arraycopy(raw, (e * N_CH + c) * srcT, train[e][c], 0, N_T);
            }
        }
        int[] y = IntStream.range(0, nTrain).map(i -> (int) labelsRaw[i]).toArray();
        double[][][] test = IntStream.range(0, nTest).mapToObj(i -> train[i % nTrain]).toArray(double[][][]::new);

        Path tmp = Files.createTempDirectory("bci-bench");
        write(tmp.resolve("train.bin"), train);
        write(tmp.resolve("test.bin"), test);
        Files.copy(golden.resolve("mi_labels.bin"), tmp.resolve("labels.bin"));
        Process py = new ProcessBuilder("python3", root.resolve("bench/scripts/bci_pipelines_bench.py").toString(),
                tmp.resolve("train.bin").toString(), tmp.resolve("labels.bin").toString(),
                tmp.resolve("test.bin").toString(), "" + N_CH, "" + N_T, "" + repeats, "" + nSingle)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String pyOut = new String(py.getInputStream().readAllBytes());
        if (py.waitFor() != 0) {
            throw new IllegalStateException("Python benchmark failed (exit " + py.exitValue() + "): " + pyOut);
        }
        JsonNode python = new ObjectMapper().readTree(pyOut);

        List<String> rows = new ArrayList<>();
        rows.add("| pipeline | mode | neurostream (epochs/s) | Python (epochs/s) | ratio |");
        rows.add("|---|---|---:|---:|---:|");
        for (String name : List.of("csp-lda", "psd-lda", "ts-lr")) {
            Pipeline p = PipelineSpec.named(name).fit(train, y,
                    IntStream.range(0, N_CH).mapToObj(i -> "ch" + i).toList(), 160.0, List.of("T1", "T2"));
            for (int w = 0; w < 3; w++) { // JIT warm-up
                p.predict(test);
            }
            double batch = 0;
            double single = 0;
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                p.predict(test);
                batch = Math.max(batch, nTest / ((System.nanoTime() - t0) / 1e9));
                t0 = System.nanoTime();
                for (int i = 0; i < nSingle; i++) {
                    p.predict(new double[][][] {test[i]});
                }
                single = Math.max(single, nSingle / ((System.nanoTime() - t0) / 1e9));
            }
            double pyBatch = python.path(name).path("batch_epochs_per_s").asDouble();
            double pySingle = python.path(name).path("single_epochs_per_s").asDouble();
            rows.add(String.format(Locale.ROOT, "| %s | batch (%d epochs per call) | %.0f | %.0f | %.2f× |", name, nTest,
                    batch, pyBatch, batch / pyBatch));
            rows.add(String.format(Locale.ROOT, "| %s | single (1 epoch per call) | %.0f | %.0f | %.2f× |", name,
                    single, pySingle, single / pySingle));
        }
        rows.forEach(System.out::println);
        for (String f : List.of("train.bin", "test.bin", "labels.bin")) {
            Files.deleteIfExists(tmp.resolve(f));
        }
        Files.deleteIfExists(tmp);
    }

    private static double[] read(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        double[] out = new double[b.length / 8];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
        return out;
    }

    private static void write(Path file, double[][][] x) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(x.length * N_CH * N_T * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double[][] e : x) {
            for (double[] ch : e) {
                for (double v : ch) {
                    buf.putDouble(v);
                }
            }
        }
        Files.write(file, buf.array());
    }
}
