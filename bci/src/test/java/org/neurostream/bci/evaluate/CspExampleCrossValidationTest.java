package org.neurostream.bci.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.neurostream.bci.Golden;
import org.neurostream.bci.classify.ClassifierModel;
import org.neurostream.bci.classify.ClassifierSpec;
import org.neurostream.bci.classify.LdaParams;
import org.neurostream.bci.classify.Shrinkage;
import org.neurostream.bci.spatial.CspModel;
import org.neurostream.bci.spatial.CspParams;

/**
 * MNE's CSP example (CSP 4 components + LDA, ShuffleSplit(10, 0.2, 42)) on the epochs MNE itself produced from eegmmidb
 * S001 runs 6/10/14: the same splits give the same per-fold accuracies as MNE + scikit-learn.
 */
class CspExampleCrossValidationTest {
    private static final double[][][] X = Golden.cube("mi_epochs");
    private static final int[] Y = Golden.ints("mi_labels");

    private static CrossValidation.Report crossValidate(ClassifierSpec classifier) {
        return CrossValidation.run(Y, Splitters.shuffleSplit(X.length, 10, 0.2, 42), (train, test) -> {
            double[][][] xTrain = Arrays.stream(train).mapToObj(i -> X[i]).toArray(double[][][]::new);
            int[] yTrain = Arrays.stream(train).map(i -> Y[i]).toArray();
            CspModel csp = CspParams.defaults(4).fit(xTrain, yTrain);
            ClassifierModel clf = classifier.fit(csp.transform(xTrain), yTrain);
            double[][] features = csp.transform(Arrays.stream(test).mapToObj(i -> X[i]).toArray(double[][][]::new));
            double[] score = Arrays.stream(clf.decisionFunction(features)).mapToDouble(d -> d[0]).toArray();
            return new CrossValidation.FoldOutcome(clf.predict(features), score);
        }, null);
    }

    @Test
    void perFoldAccuraciesEqualMnesWithPlainLda() {
        CrossValidation.Report r = crossValidate(new LdaParams(Shrinkage.none(), null));
        assertThat(r.foldAccuracy()).containsExactly(Golden.vector("mi_cv_scores"), within(1e-12));
        assertThat(r.accuracy()).isCloseTo(Golden.scalar("mi_cv_accuracy"), within(1e-12));
        assertThat(r.chanceLevel()).isCloseTo(Golden.scalar("mi_chance"), within(1e-12));
    }

    @Test
    void perFoldAccuraciesEqualScikitLearnsWithShrinkageLda() {
        CrossValidation.Report r = crossValidate(LdaParams.shrinkageAuto());
        assertThat(r.foldAccuracy()).containsExactly(Golden.vector("mi_cv_scores_lsqr_auto"), within(1e-12));
        assertThat(r.rocAuc()).isBetween(0.5, 1.0);
        assertThat(Arrays.stream(r.confusion()).flatMapToInt(Arrays::stream).sum()).isEqualTo(90);
    }
}
