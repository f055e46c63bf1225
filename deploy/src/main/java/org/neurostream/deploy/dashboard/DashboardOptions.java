package org.neurostream.deploy.dashboard;

import java.io.Serializable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * Where the dashboard listens and the token it requires.
 *
 * <p>It listens on loopback ({@value #DEFAULT_HOST}) by default, on port {@value #DEFAULT_PORT} (Flink's web UI uses
 * 8081). Any other address exposes the job's data to the network, so it is refused without a token; with a token,
 * every request must carry it.
 *
 * @param host  address to bind, a name or IP literal
 * @param port  TCP port, 0 for any free port
 * @param token the token every request must present, or null (allowed on loopback only)
 */
public record DashboardOptions(String host, int port, String token) implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8090;

    public DashboardOptions {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Invalid dashboard port " + port + "; it must be 0 to 65535.");
        }
        if (token != null && token.isBlank()) {
            throw new IllegalArgumentException("The dashboard token is empty; give a non-empty --ui-token.");
        }
        if (token == null && !isLoopback(host)) {
            throw new IllegalArgumentException("The dashboard would listen on " + host + ":" + port
                    + ", which other machines can reach: give a --ui-token (every request must then carry it as "
                    + "?token= or 'Authorization: Bearer'), or listen on 127.0.0.1.");
        }
    }

    /** Loopback on the default port, no token. */
    public static DashboardOptions defaults() {
        return new DashboardOptions(DEFAULT_HOST, DEFAULT_PORT, null);
    }

    /**
     * Parses {@code --ui}'s value: empty (the defaults), {@code HOST:PORT}, {@code HOST}, {@code :PORT} or
     * {@code PORT}; IPv6 literals in brackets ({@code [::1]:8090}).
     */
    public static DashboardOptions parse(String address, String token) {
        String host = DEFAULT_HOST;
        int port = DEFAULT_PORT;
        String a = address == null ? "" : address.trim();
        if (!a.isEmpty()) {
            String portText = null;
            if (a.startsWith("[")) {
                int close = a.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("Invalid --ui address '" + address + "': missing ']'.");
                }
                host = a.substring(1, close);
                if (a.length() > close + 1) {
                    if (a.charAt(close + 1) != ':') {
                        throw new IllegalArgumentException("Invalid --ui address '" + address
                                + "': expected ':PORT' after ']'.");
                    }
                    portText = a.substring(close + 2);
                }
            } else if (a.chars().allMatch(Character::isDigit)) {
                portText = a;
            } else {
                int colon = a.lastIndexOf(':');
                if (colon >= 0) {
                    if (colon > 0) {
                        host = a.substring(0, colon);
                    }
                    portText = a.substring(colon + 1);
                } else {
                    host = a;
                }
            }
            if (portText != null) {
                try {
                    port = Integer.parseInt(portText);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Invalid --ui address '" + address + "': port '" + portText
                            + "' is not a number.");
                }
            }
        }
        return new DashboardOptions(host, port, token);
    }

    /** True when {@code host} resolves to a loopback address only. */
    static boolean isLoopback(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Unknown dashboard host '" + host + "'.", e);
        }
    }

    @Override
    public String toString() {
        return "DashboardOptions[host=" + host + ", port=" + port + ", token=" + (token == null ? "none" : "***")
                + "]";
    }
}
