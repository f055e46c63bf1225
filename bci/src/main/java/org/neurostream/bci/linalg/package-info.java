/**
 * Small dense linear algebra for covariance-sized matrices: symmetric and generalized symmetric eigen-decomposition
 * (LAPACK/scipy conventions), matrix functions of SPD matrices, solves, pseudo-inverse, Ledoit-Wolf shrinkage.
 */
package org.neurostream.bci.linalg;
