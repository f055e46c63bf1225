package org.neurostream.streams.lsl;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The liblsl C functions neurostream uses, bound by JNA direct mapping (the fastest JNA calling convention). Names
 * and argument order are liblsl's ({@code include/lsl/*.h}); {@code unsigned long} is {@link NativeLong}, error
 * codes come back through a one-element {@code int[] ec}.
 *
 * <p>Call {@link #require()} before the first native call: it loads and registers the library once per class loader
 * and turns a missing library into a {@link LslLibraryNotFoundException}.
 */
final class LslApi {
    // liblsl's lsl_error_code_t
    static final int NO_ERROR = 0;
    static final int TIMEOUT_ERROR = -1;
    static final int LOST_ERROR = -2;
    static final int ARGUMENT_ERROR = -3;

    private LslApi() {
    }

    /** Loads the library on first use; holds the outcome so every later call fails (or succeeds) the same way. */
    private static final class Loader {
        static final LslLibraryLocator.Location LOCATION;
        static final RuntimeException FAILURE;

        static {
            LslLibraryLocator.Location location = null;
            RuntimeException failure = null;
            try {
                location = LslLibraryLocator.locate();
                Native.register(LslApi.class, NativeLibrary.getInstance(location.library()));
            } catch (LslLibraryNotFoundException e) {
                failure = e;
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                failure = new LslLibraryNotFoundException("liblsl could not be loaded"
                        + (location == null ? "" : " from " + location.library() + " (" + location.origin() + ")")
                        + ": " + e.getMessage() + ". Looked in: " + LslLibraryLocator.searchedPlaces() + ". "
                        + LslLibraryLocator.INSTALL_HINT, e);
            }
            LOCATION = failure == null ? location : null;
            FAILURE = failure;
        }
    }

    /**
     * Makes sure liblsl is loaded.
     *
     * @return where it was loaded from
     * @throws LslLibraryNotFoundException saying where it was looked for and how to install it
     */
    static LslLibraryLocator.Location require() {
        if (Loader.FAILURE != null) {
            throw new LslLibraryNotFoundException(Loader.FAILURE.getMessage(), Loader.FAILURE);
        }
        return Loader.LOCATION;
    }

    // --- common.h --------------------------------------------------------------------------------------------
    static native int lsl_protocol_version();

    static native int lsl_library_version();

    static native String lsl_library_info();

    static native double lsl_local_clock();

    static native String lsl_last_error();

    static native void lsl_destroy_string(Pointer s);

    // --- streaminfo.h -----------------------------------------------------------------------------------------
    static native Pointer lsl_create_streaminfo(String name, String type, int channelCount, double nominalSrate,
                                                int channelFormat, String sourceId);

    static native Pointer lsl_copy_streaminfo(Pointer info);

    static native void lsl_destroy_streaminfo(Pointer info);

    static native String lsl_get_name(Pointer info);

    static native String lsl_get_type(Pointer info);

    static native int lsl_get_channel_count(Pointer info);

    static native double lsl_get_nominal_srate(Pointer info);

    static native int lsl_get_channel_format(Pointer info);

    static native String lsl_get_source_id(Pointer info);

    static native int lsl_get_version(Pointer info);

    static native double lsl_get_created_at(Pointer info);

    static native String lsl_get_uid(Pointer info);

    static native String lsl_get_session_id(Pointer info);

    static native String lsl_get_hostname(Pointer info);

    static native Pointer lsl_get_desc(Pointer info);

    static native Pointer lsl_get_xml(Pointer info);

    static native Pointer lsl_streaminfo_from_xml(String xml);

    static native int lsl_stream_info_matches_query(Pointer info, String query);

    // --- xml.h --------------------------------------------------------------------------------------------------
    static native Pointer lsl_first_child(Pointer e);

    static native Pointer lsl_next_sibling(Pointer e);

    static native Pointer lsl_child(Pointer e, String name);

    static native int lsl_empty(Pointer e);

    static native String lsl_name(Pointer e);

    static native String lsl_child_value(Pointer e);

    static native String lsl_child_value_n(Pointer e, String name);

    static native Pointer lsl_append_child(Pointer e, String name);

    static native Pointer lsl_append_child_value(Pointer e, String name, String value);

    // --- outlet.h -----------------------------------------------------------------------------------------------
    static native Pointer lsl_create_outlet(Pointer info, int chunkSize, int maxBuffered);

    static native void lsl_destroy_outlet(Pointer outlet);

    static native int lsl_push_chunk_ftp(Pointer outlet, Pointer data, NativeLong elements, double timestamp,
                                         int pushthrough);

    static native int lsl_push_chunk_ftnp(Pointer outlet, Pointer data, NativeLong elements, Pointer timestamps,
                                          int pushthrough);

    static native int lsl_push_chunk_dtp(Pointer outlet, Pointer data, NativeLong elements, double timestamp,
                                         int pushthrough);

    static native int lsl_push_chunk_dtnp(Pointer outlet, Pointer data, NativeLong elements, Pointer timestamps,
                                          int pushthrough);

    static native int lsl_push_chunk_itp(Pointer outlet, Pointer data, NativeLong elements, double timestamp,
                                         int pushthrough);

    static native int lsl_push_chunk_itnp(Pointer outlet, Pointer data, NativeLong elements, Pointer timestamps,
                                          int pushthrough);

    static native int lsl_push_chunk_strtp(Pointer outlet, Pointer data, NativeLong elements, double timestamp,
                                         int pushthrough);

    static native int lsl_push_chunk_strtnp(Pointer outlet, Pointer data, NativeLong elements, Pointer timestamps,
                                          int pushthrough);

    static native int lsl_have_consumers(Pointer outlet);

    static native int lsl_wait_for_consumers(Pointer outlet, double timeout);

    static native Pointer lsl_get_info(Pointer outlet);

    // --- resolver.h ---------------------------------------------------------------------------------------------
    static native int lsl_resolve_all(Pointer buffer, int bufferElements, double waitTime);

    static native int lsl_resolve_byprop(Pointer buffer, int bufferElements, String prop, String value, int minimum,
                                         double timeout);

    static native int lsl_resolve_bypred(Pointer buffer, int bufferElements, String pred, int minimum,
                                         double timeout);

    static native Pointer lsl_create_continuous_resolver(double forgetAfter);

    static native Pointer lsl_create_continuous_resolver_byprop(String prop, String value, double forgetAfter);

    static native Pointer lsl_create_continuous_resolver_bypred(String pred, double forgetAfter);

    static native int lsl_resolver_results(Pointer resolver, Pointer buffer, int bufferElements);

    static native void lsl_destroy_continuous_resolver(Pointer resolver);

    // --- inlet.h ------------------------------------------------------------------------------------------------
    static native Pointer lsl_create_inlet(Pointer info, int maxBuflen, int maxChunklen, int recover);

    static native void lsl_destroy_inlet(Pointer inlet);

    static native Pointer lsl_get_fullinfo(Pointer inlet, double timeout, int[] ec);

    static native void lsl_open_stream(Pointer inlet, double timeout, int[] ec);

    static native void lsl_close_stream(Pointer inlet);

    static native double lsl_time_correction_ex(Pointer inlet, double[] remoteTime, double[] uncertainty,
                                                double timeout, int[] ec);

    static native int lsl_set_postprocessing(Pointer inlet, int flags);

    static native double lsl_pull_sample_f(Pointer inlet, Pointer buffer, int elements, double timeout, int[] ec);

    static native double lsl_pull_sample_d(Pointer inlet, Pointer buffer, int elements, double timeout, int[] ec);

    static native double lsl_pull_sample_i(Pointer inlet, Pointer buffer, int elements, double timeout, int[] ec);

    static native double lsl_pull_sample_str(Pointer inlet, Pointer buffer, int elements, double timeout, int[] ec);

    static native NativeLong lsl_pull_chunk_f(Pointer inlet, Pointer data, Pointer timestamps,
                                              NativeLong dataElements, NativeLong timestampElements, double timeout,
                                              int[] ec);

    static native NativeLong lsl_pull_chunk_d(Pointer inlet, Pointer data, Pointer timestamps,
                                              NativeLong dataElements, NativeLong timestampElements, double timeout,
                                              int[] ec);

    static native NativeLong lsl_pull_chunk_i(Pointer inlet, Pointer data, Pointer timestamps,
                                              NativeLong dataElements, NativeLong timestampElements, double timeout,
                                              int[] ec);

    static native NativeLong lsl_pull_chunk_str(Pointer inlet, Pointer data, Pointer timestamps,
                                              NativeLong dataElements, NativeLong timestampElements, double timeout,
                                              int[] ec);

    static native int lsl_samples_available(Pointer inlet);

    static native int lsl_was_clock_reset(Pointer inlet);

    static native int lsl_inlet_flush(Pointer inlet);
}
