package org.neurostream.bench.delta;

import java.util.Locale;
import org.neurostream.bench.delta.DeltaBenchNetworks.Engine;
import org.neurostream.delta.metrics.MetricsAccumulator;
import org.neurostream.delta.net.DeltaNetwork;
import org.neurostream.delta.net.NetworkSpec;

/**
 * Prints, for the benchmark networks and inputs at each temporal sparsity, the measured temporal sparsity of every
 * Delta Activation Layer and the effective versus dense MACs per step (NeuroBench definitions), over 200 steps.
 */
public final class DeltaMacsReport {

  private DeltaMacsReport() {
  }

  public static void main(String[] args) {
    report("dense 1024x1024", DeltaBenchNetworks.denseLayer(), 1024, false);
    report("small CNN 32x32x2", DeltaBenchNetworks.smallCnn(), 32 * 32 * 2, true);
  }

  private static void report(String name, NetworkSpec spec, int size, boolean clustered) {
    System.out.println("### " + name);
    System.out.println("| input sparsity % | temporal sparsity per weighted layer | dense MACs/step | effective MACs/step"
        + " | dense / effective |");
    System.out.println("|---|---|---|---|---|");
    for (int s : new int[] {0, 50, 80, 90, 95, 99}) {
      ChangingInput input = new ChangingInput(size, s / 100.0, clustered, 3);
      MetricsAccumulator acc = new MetricsAccumulator();
      try (DeltaNetwork net = DeltaBenchNetworks.open(spec, Engine.JAVA_DELTA)) {
        net.step(input.advance());
        for (int t = 0; t < 200; t++) {
          net.step(input.advance());
          acc.add(net.lastStepMetrics());
        }
      }
      StringBuilder per = new StringBuilder();
      for (int i = 0; i < spec.layers().size(); i++) {
        if (spec.layers().get(i).hasWeights()) {
          per.append(per.length() == 0 ? "" : ", ").append(spec.layers().get(i).kind()).append(' ')
              .append(String.format(Locale.ROOT, "%.3f", acc.temporalSparsity(i)));
        }
      }
      System.out.printf(Locale.ROOT, "| %d | %s | %.0f | %.0f | %.1fx |%n", s, per, acc.denseMacsPerStep(),
          acc.effectiveMacsPerStep(), acc.denseMacsPerStep() / acc.effectiveMacsPerStep());
    }
  }
}
