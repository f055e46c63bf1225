package org.neurostream.bci.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurostream.bci.Golden;

class SplittersTest {

    @Test
    void numpyPermutationIsReproducedBitForBit() {
        assertThat(new NumpyRandomState(0).permutation(1000)).containsExactly(Golden.ints("permutation_seed0_n1000"));
        int[] big = new NumpyRandomState(123456789).permutation(70000);
        assertThat(Arrays.copyOf(big, 200)).containsExactly(Golden.ints("permutation_seed123456789_n70000"));
    }

    @Test
    void shuffleSplitOfTheCspExampleMatchesScikitLearn() {
        List<Split> splits = Splitters.shuffleSplit(45, 10, 0.2, 42);
        for (int i = 0; i < 10; i++) {
            assertThat(splits.get(i).test()).containsExactly(Golden.ints("shuffle_test_" + i));
            assertThat(splits.get(i).train()).containsExactly(Golden.ints("shuffle_train_" + i));
        }
        List<Split> small = Splitters.shuffleSplit(17, 3, 0.25, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(small.get(i).test()).containsExactly(Golden.ints("shuffle17_test_" + i));
            assertThat(small.get(i).train()).containsExactly(Golden.ints("shuffle17_train_" + i));
        }
    }

    @Test
    void kFoldAndStratifiedKFoldMatchScikitLearn() {
        int[] y = Golden.ints("cv_y");
        List<Split> kf = Splitters.kFold(y.length, 5);
        for (int i = 0; i < 5; i++) {
            assertThat(kf.get(i).test()).containsExactly(Golden.ints("kfold_test_" + i));
        }
        List<Split> skf = Splitters.stratifiedKFold(y, 4);
        for (int i = 0; i < 4; i++) {
            assertThat(skf.get(i).test()).containsExactly(Golden.ints("stratified_test_" + i));
        }
    }

    @Test
    void leaveOneRunOutHoldsOutEachRunOnce() {
        int[] runs = {6, 6, 10, 10, 10, 14};
        List<Split> s = Splitters.leaveOneGroupOut(runs);
        assertThat(s).hasSize(3);
        assertThat(s.get(1).test()).containsExactly(2, 3, 4);
        assertThat(s.get(1).train()).containsExactly(0, 1, 5);
        assertThatThrownBy(() -> Splitters.leaveOneGroupOut(new int[] {6, 6})).hasMessageContaining("at least 2 runs");
    }

    @Test
    void impossibleSplitsAreRejected() {
        assertThatThrownBy(() -> Splitters.kFold(3, 5)).hasMessageContaining("n_splits=5 greater than the number of samples");
        assertThatThrownBy(() -> Splitters.stratifiedKFold(new int[] {0, 0, 1}, 2)).hasMessageContaining("class 1 has 1");
        assertThatThrownBy(() -> Splitters.shuffleSplit(10, 2, 1.5, 0)).hasMessageContaining("test_size=1.5");
    }
}
