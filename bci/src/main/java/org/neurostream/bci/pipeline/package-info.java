/**
 * Calibrated BCI pipelines: band and epoch window, a feature extractor (csp, fbcsp, psd, coh, ts) and a classifier,
 * fitted together ({@link org.neurostream.bci.pipeline.PipelineSpec#fit}) and saved to / loaded from one versioned
 * JSON file ({@link org.neurostream.bci.pipeline.PipelineJson}).
 */
package org.neurostream.bci.pipeline;
