/**
 * Classifiers with scikit-learn's semantics: LDA (least squares, Ledoit-Wolf or fixed shrinkage), L2 logistic
 * regression (binary and multinomial, L-BFGS) and nearest class mean. Each has a parameter record ({@code *Params},
 * a {@link org.neurostream.bci.classify.ClassifierSpec}) whose {@code fit} validates and returns an immutable model
 * record ({@link org.neurostream.bci.classify.ClassifierModel}); {@link org.neurostream.bci.classify.Classifier} is the
 * fit-then-predict wrapper that refuses use before fitting.
 */
package org.neurostream.bci.classify;
