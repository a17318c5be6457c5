package com.orderflow.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real SMTP server, on a socket, that answers {@code 550 5.1.1 <address>: ... User unknown} for every recipient whose
 * address contains "bounce" and accepts every other message, as a mail server refusing an address does;
 * it resets the connection, without a reply, on every recipient whose address contains "drop", as a server
 * does that fails on one message; it takes the whole message for a recipient whose address contains "silent" and
 * then resets the connection instead of answering, as a relay whose answer is lost after it queued the message;
 * on request it refuses every sender. GreenMail accepts every recipient and
 * sender.
 */
public final class RefusingSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile boolean senderRefused;

    public RefusingSmtpServer() {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(this::serve, "refusing-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /**
     * From now on refuses every sender ({@code 530 5.7.0 Authentication required}), as a relay does whose
     * login is missing or expired; {@code false} accepts senders again.
     */
    public void refuseSenders(boolean refused) {
        senderRefused = refused;
    }

    /** The recipients of every message the server took. */
    public List<String> accepted() {
        return List.copyOf(accepted);
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                session(client);
            } catch (IOException closedOrDropped) {
                // The next client, or the end.
            }
        }
    }

    private void session(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = client.getOutputStream();
        reply(out, "220 refusing-smtp ESMTP");
        String recipient = null;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String command = line.toUpperCase();
            if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                reply(out, "250 refusing-smtp");
            } else if (command.startsWith("MAIL FROM")) {
                reply(out, senderRefused ? "530 5.7.0 Authentication required" : "250 2.1.0 OK");
            } else if (command.startsWith("RCPT TO")) {
                if (line.toLowerCase().contains("drop")) {
                    // A reset, as from a server process that died on the message, rather than an orderly close.
                    client.setSoLinger(true, 0);
                    return;
                }
                boolean unknown = line.toLowerCase().contains("bounce");
                recipient = unknown ? recipient : line.substring(line.indexOf(':') + 1).trim();
                // As Postfix and Exchange do, the refusal quotes the address.
                String address = line.replaceFirst("(?i)^RCPT TO:\\s*", "").strip();
                reply(out, unknown ? "550 5.1.1 " + address + ": Recipient address rejected: User unknown" : "250 2.1.5 OK");
            } else if (command.startsWith("DATA")) {
                reply(out, "354 End data with <CR><LF>.<CR><LF>");
                for (String data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
                    // The message itself is of no interest here.
                }
                accepted.add(recipient);
                if (recipient != null && recipient.toLowerCase().contains("silent")) {
                    client.setSoLinger(true, 0);
                    return;
                }
                reply(out, "250 2.0.0 Queued");
            } else if (command.startsWith("QUIT")) {
                reply(out, "221 2.0.0 Bye");
                return;
            } else {
                reply(out, "250 OK");
            }
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
