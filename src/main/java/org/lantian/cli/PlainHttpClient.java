package org.lantian.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection that posts JSON and reads the status, discarding the body: the load
 * test's client. {@code java.net.http.HttpClient} took ~3 ms of CPU a request (its selector thread,
 * futures and header maps), as much as the server's own work on a post; on two shared cores the client's
 * CPU is the server's loss, so the load test drives the server through a few of these instead, one per
 * thread. Not thread-safe; reconnects after a failure or a {@code Connection: close}.
 */
final class PlainHttpClient implements AutoCloseable {
    private final String host;
    private final int port;
    private final byte[] head;
    private final int timeoutMillis;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    /** A client that posts to {@code target} with the given bearer token. */
    PlainHttpClient(URI target, String bearer, int timeoutMillis) {
        this.host = target.getHost();
        this.port = target.getPort() < 0 ? 80 : target.getPort();
        this.timeoutMillis = timeoutMillis;
        String path = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        this.head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: Bearer " + bearer
                + "\r\nContent-Type: application/json\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Posts a body and returns the response's status code once the whole response has been read. A kept-alive
     * connection the server closed meanwhile fails before any response arrives; then the post is sent once
     * more on a new connection.
     */
    int post(byte[] body) throws IOException {
        boolean reused = socket != null;
        try {
            return send(body);
        } catch (StaleConnection e) {
            if (!reused) throw e;
            return send(body);
        }
    }

    private int send(byte[] body) throws IOException {
        try {
            if (socket == null) connect();
            try {
                out.write(head);
                out.write(Integer.toString(body.length).getBytes(StandardCharsets.US_ASCII));
                out.write(CRLF_CRLF);
                out.write(body);
                out.flush();
            } catch (IOException e) {
                throw new StaleConnection();
            }
            return readResponse();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(timeoutMillis);
        s.connect(new InetSocketAddress(host, port), timeoutMillis);
        socket = s;
        out = new BufferedOutputStream(s.getOutputStream(), 16 * 1024);
        in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
    }

    private int readResponse() throws IOException {
        int first = in.read();
        if (first < 0) throw new StaleConnection();
        String status = (char) first + line();
        if (!status.startsWith("HTTP/1.")) throw new IOException("not an HTTP response: " + status);
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = status.startsWith("HTTP/1.0");
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            if (colon < 0) continue;
            String name = h.substring(0, colon).trim();
            String value = h.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) length = Long.parseLong(value);
            else if (name.equalsIgnoreCase("Transfer-Encoding")) chunked = value.equalsIgnoreCase("chunked");
            else if (name.equalsIgnoreCase("Connection")) close = value.equalsIgnoreCase("close");
        }
        if (chunked) {
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                skip(size);
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (length >= 0) {
            skip(length);
        } else {
            while (in.read() >= 0) {
                // a body without a length ends with the connection
            }
            close = true;
        }
        if (close) close();
        return code;
    }

    private long chunkSize() throws IOException {
        String l = line();
        int semi = l.indexOf(';');
        return Long.parseLong((semi < 0 ? l : l.substring(0, semi)).trim(), 16);
    }

    private void skip(long n) throws IOException {
        while (n > 0) {
            long k = in.skip(n);
            if (k <= 0) {
                if (in.read() < 0) throw new IOException("connection closed in a response body");
                k = 1;
            }
            n -= k;
        }
    }

    private final StringBuilder line = new StringBuilder();

    private String line() throws IOException {
        line.setLength(0);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) throw new IOException("connection closed in a response");
            if (c != '\r') line.append((char) c);
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket == null) return;
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        socket = null;
    }

    /** The connection ended before the response began. */
    private static final class StaleConnection extends IOException {
        StaleConnection() {
            super("the connection closed before a response");
        }
    }

    private static final byte[] CRLF_CRLF = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
}
