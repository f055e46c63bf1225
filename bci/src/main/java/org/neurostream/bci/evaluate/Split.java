package org.neurostream.bci.evaluate;

/**
 * One train/test split of sample indices.
 *
 * @param train indices used for fitting
 * @param test indices used for scoring
 */
public record Split(int[] train, int[] test) {}
