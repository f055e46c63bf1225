package org.neurostream.delta.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated videos of one shape moving across a dark square image, for sequence classification by shape. Each
 * sequence: a shape of class {@code 0..3} (filled square, plus, hollow square, X) of 5×5 pixels starts at a random
 * position and moves by a random velocity in {−1, 0, 1}² pixels per frame (not both 0), bouncing off the borders.
 * Pixels are 1 on the shape and 0 elsewhere; frames are flat {@code size × size × 1} vectors (HWC).
 */
public final class MovingShapes {

  /** Number of shape classes. */
  public static final int CLASSES = 4;
  private static final int SHAPE = 5;

  /** One labelled video. */
  public record Sequence(float[][] frames, int label) {
  }

  private MovingShapes() {
  }

  /** {@code count} sequences of {@code frames} frames of {@code size × size} pixels, determined by {@code seed}. */
  public static List<Sequence> generate(int count, int frames, int size, long seed) {
    if (size < SHAPE + 2) {
      throw new IllegalArgumentException("Image size must be at least " + (SHAPE + 2) + ", got " + size);
    }
    Random r = new Random(seed);
    List<Sequence> out = new ArrayList<>(count);
    for (int n = 0; n < count; n++) {
      int label = r.nextInt(CLASSES);
      int x = r.nextInt(size - SHAPE + 1);
      int y = r.nextInt(size - SHAPE + 1);
      int dx;
      int dy;
      do {
        dx = r.nextInt(3) - 1;
        dy = r.nextInt(3) - 1;
      } while (dx == 0 && dy == 0);
      float[][] video = new float[frames][];
      for (int t = 0; t < frames; t++) {
        video[t] = draw(label, x, y, size);
        if (x + dx < 0 || x + dx > size - SHAPE) {
          dx = -dx;
        }
        if (y + dy < 0 || y + dy > size - SHAPE) {
          dy = -dy;
        }
        x += dx;
        y += dy;
      }
      out.add(new Sequence(video, label));
    }
    return out;
  }

  private static float[] draw(int label, int x0, int y0, int size) {
    float[] img = new float[size * size];
    for (int y = 0; y < SHAPE; y++) {
      for (int x = 0; x < SHAPE; x++) {
        boolean on = switch (label) {
          case 0 -> x >= 1 && x <= 3 && y >= 1 && y <= 3;
          case 1 -> x == 2 || y == 2;
          case 2 -> x == 0 || x == 4 || y == 0 || y == 4;
          default -> x == y || x == 4 - y;
        };
        if (on) {
          img[(y0 + y) * size + x0 + x] = 1f;
        }
      }
    }
    return img;
  }
}
