// Writes a long 64-channel 1 kHz float32 XDF file (10 Hz sines in Gaussian noise, seed 1, chunks of 1000 samples)
// with the project's own XdfWriter, for the replay benchmarks (docs/benchmarks/replay.md). The same signal as the
// dashboard benchmark's generated recording. Usage, from the repository root after a build:
//   jshell --class-path "streams/target/neurostream-streams-0.1.0-SNAPSHOT.jar:$(ls bench/target/lib/*.jar | tr '\n' ':')" \
//       -R-Dxdf.out=/tmp/long240.xdf -R-Dxdf.seconds=240 test-data/scripts/xdf_long.jsh
import java.nio.file.*;
import java.util.*;
import org.neurostream.streams.format.xdf.XdfWriter;
import org.neurostream.streams.record.*;
Path out = Path.of(System.getProperty("xdf.out", "/tmp/long240.xdf"));
int seconds = Integer.parseInt(System.getProperty("xdf.seconds", "240"));
int channelCount = 64;
double rateHz = 1000;
int chunkSamples = 1000;
List<ChannelInfo> channels = new ArrayList<>();
for (int c = 0; c < channelCount; c++) channels.add(new ChannelInfo("E" + (c + 1), "microvolts", "EEG"));
StreamDescription d = new StreamDescription("eeg", "eeg64", "EEG", "bench-64", channelCount, rateHz,
        ValueFormat.FLOAT32, channels);
Random random = new Random(1);
try (XdfWriter w = XdfWriter.open(out)) {
    long id = w.addStream(d, "");
    for (int block = 0; block < seconds * rateHz / chunkSamples; block++) {
        double[] values = new double[channelCount * chunkSamples];
        double[] t = new double[chunkSamples];
        for (int s = 0; s < chunkSamples; s++) {
            t[s] = (block * chunkSamples + s) / rateHz;
            for (int c = 0; c < channelCount; c++) {
                values[c * chunkSamples + s] = 20 * Math.sin(2 * Math.PI * 10 * t[s] + c) + 5 * random.nextGaussian();
            }
        }
        w.writeSamples(id, SampleChunk.withTimestamps("eeg", channelCount, values, t, rateHz));
    }
}
System.out.println("wrote " + out + ": " + Files.size(out) + " bytes, " + seconds + " s of 64 ch x 1 kHz");
/exit
