package org.neurostream.streams.lsl;

import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A view of one element of a stream info's XML description ({@code <desc>} and below), for example
 * {@code desc().child("channels")}. It does not own native memory: it is valid as long as the {@link LslStreamInfo}
 * it came from is open. Missing children are "empty" elements ({@link #isEmpty()}), as in liblsl, so chains such as
 * {@code desc().child("acquisition").childValue("manufacturer")} never fail and return an empty string.
 */
public final class LslXmlElement {
    private final LslStreamInfo owner;
    private final Pointer element;

    LslXmlElement(LslStreamInfo owner, Pointer element) {
        this.owner = owner;
        this.element = element;
    }

    private Pointer element() {
        owner.handle(); // fails clearly if the owning info was closed
        return element;
    }

    /** True for the placeholder liblsl returns when a requested element does not exist. */
    public boolean isEmpty() {
        return element == null || LslApi.lsl_empty(element()) != 0;
    }

    /** The element's tag name, for example {@code channel}. */
    public String name() {
        return nullToEmpty(LslApi.lsl_name(element()));
    }

    /** The text content of this element (its first text child), or an empty string. */
    public String value() {
        return nullToEmpty(LslApi.lsl_child_value(element()));
    }

    /** The text content of the child named {@code name}, or an empty string when there is none. */
    public String childValue(String name) {
        return nullToEmpty(LslApi.lsl_child_value_n(element(), Objects.requireNonNull(name, "name")));
    }

    /** The first child named {@code name} (empty when there is none). */
    public LslXmlElement child(String name) {
        return new LslXmlElement(owner, LslApi.lsl_child(element(), Objects.requireNonNull(name, "name")));
    }

    /** All element children, in document order. */
    public List<LslXmlElement> children() {
        List<LslXmlElement> children = new ArrayList<>();
        for (Pointer e = LslApi.lsl_first_child(element()); e != null && LslApi.lsl_empty(e) == 0;
             e = LslApi.lsl_next_sibling(e)) {
            children.add(new LslXmlElement(owner, e));
        }
        return children;
    }

    /** Appends an empty child element and returns it. */
    public LslXmlElement appendChild(String name) {
        return new LslXmlElement(owner, LslApi.lsl_append_child(element(), Objects.requireNonNull(name, "name")));
    }

    /** Appends {@code <name>value</name>} and returns this element, so calls can be chained. */
    public LslXmlElement appendChildValue(String name, String value) {
        LslApi.lsl_append_child_value(element(), Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(value, "value"));
        return this;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
