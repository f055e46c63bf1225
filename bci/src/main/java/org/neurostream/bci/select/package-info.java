/** Feature separability maps (signed R², Fisher score) over channels × frequency bins and top-k selection. */
package org.neurostream.bci.select;
