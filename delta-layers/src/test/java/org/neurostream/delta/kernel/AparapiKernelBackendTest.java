package org.neurostream.delta.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neurostream.delta.kernel.KernelBackendsTest.assertClose;
import static org.neurostream.delta.kernel.KernelBackendsTest.naiveScatter;
import static org.neurostream.delta.kernel.KernelBackendsTest.random;
import static org.neurostream.delta.kernel.KernelBackendsTest.randomBatch;

import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neurostream.delta.net.DeltaNetwork;
import org.neurostream.delta.net.DenseNetwork;
import org.neurostream.delta.net.NetworkSpec;
import org.neurostream.delta.net.RandomNetworks;

/**
 * The Aparapi kernel really runs in OpenCL: on this machine the OpenCL device is PoCL on the CPU (installed by
 * scripts/setup). Results must match the naive loop and the dense network.
 */
class AparapiKernelBackendTest {

  private static AparapiKernelBackend backend;

  @BeforeAll
  static void openClDevice() {
    List<OpenCLDevice> devices = OpenCLDevice.listDevices(Device.TYPE.CPU);
    if (devices.isEmpty()) {
      devices = OpenCLDevice.listDevices(Device.TYPE.GPU);
    }
    assertThat(devices).as("OpenCL devices (run scripts/setup to install PoCL)").isNotEmpty();
    backend = new AparapiKernelBackend(devices.get(0));
  }

  @Test
  void scatterRunsInOpenClAndMatchesNaiveLoop() {
    Random r = new Random(5);
    WeightRows w = WeightRows.of(random(r, 45 * 16), 45, 16);
    RowBatch b = randomBatch(r, 300, 45, 64, 16);
    float[] acc = random(r, 64 * 16);
    float[] expected = naiveScatter(w, b, acc);
    try (AparapiKernelBackend.ClRowScatter scatter = backend.prepare(w, acc.length, 300)) {
      scatter.scatter(b, acc);
      assertThat(scatter.isRunningCl()).as("kernel ran in OpenCL").isTrue();
      assertThat(scatter.targetDevice()).isInstanceOf(OpenCLDevice.class);
    }
    assertClose(acc, expected);
  }

  @Test
  void deltaNetworkOnOpenClMatchesDenseReference() {
    NetworkSpec spec = RandomNetworks.network(RandomNetworks.Family.CNN, 42, 0f, false);
    float[][] inputs = RandomNetworks.sequence(43, 8, spec.inputShape().size(), 0.6);
    DenseNetwork dense = new DenseNetwork(spec);
    try (DeltaNetwork delta = new DeltaNetwork(spec, backend)) {
      for (float[] x : inputs) {
        float[] expected = dense.step(x);
        assertClose(delta.step(x), expected);
      }
    }
  }
}
