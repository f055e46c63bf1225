/**
 * Spatial filters: common spatial patterns as MNE-Python's {@code mne.decoding.CSP} (two classes by generalized
 * eigen-decomposition, more by approximate joint diagonalization), with MNE's covariance regularizations.
 */
package org.neurostream.bci.spatial;
