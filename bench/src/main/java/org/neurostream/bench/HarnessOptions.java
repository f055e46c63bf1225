package org.neurostream.bench;

import java.util.Arrays;

/** Command-line options of the end-to-end harnesses ({@code --name VALUE}), the one way they read them. */
public final class HarnessOptions {
    private HarnessOptions() {}

    /**
     * The value after {@code name} in {@code args}, or {@code defaultValue} when the option is absent.
     *
     * @throws IllegalArgumentException when the value is missing or below 1
     */
    public static int positiveInt(String[] args, String name, int defaultValue) {
        String text = text(args, name, null);
        if (text == null) {
            return defaultValue;
        }
        int value = Integer.parseInt(text);
        if (value < 1) {
            throw new IllegalArgumentException("Invalid value for '" + name + "': it must be at least 1, but got "
                    + value + ".");
        }
        return value;
    }

    /**
     * The text after {@code name} in {@code args}, or {@code defaultValue} when the option is absent.
     *
     * @throws IllegalArgumentException when the value is missing
     */
    public static String text(String[] args, String name, String defaultValue) {
        int i = Arrays.asList(args).indexOf(name);
        if (i < 0) {
            return defaultValue;
        }
        if (i + 1 >= args.length) {
            throw new IllegalArgumentException("Option " + name + " needs a value.");
        }
        return args[i + 1];
    }
}
