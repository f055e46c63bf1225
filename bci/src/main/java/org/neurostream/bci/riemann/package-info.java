/**
 * Riemannian geometry of spatial covariance matrices as pyRiemann: covariance estimators (scm, lwf), the
 * affine-invariant Riemannian mean and the tangent-space projection used by "ts" pipelines.
 */
package org.neurostream.bci.riemann;
