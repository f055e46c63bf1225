/**
 * Evaluation: cross-validation splits with scikit-learn's semantics (KFold, StratifiedKFold, ShuffleSplit reproducing
 * numpy's legacy MT19937 permutation, leave-one-run-out), classification metrics and chance levels.
 */
package org.neurostream.bci.evaluate;
