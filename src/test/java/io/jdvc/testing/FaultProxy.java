package io.jdvc.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 in front of an HTTP/1.1 server (the in-process S3 server) that breaks a share of its
 * connections the way a bad network or a busy S3 endpoint does:
 *
 * <ul>
 *   <li>{@link Fault#RESET}: the response is cut off at a random byte (head or body) with a TCP reset;
 *   <li>{@link Fault#SLOW_DOWN}: the request never reaches the server; the proxy answers {@code 503 SlowDown};
 *   <li>{@link Fault#FLIP_REQUEST}: one bit of one byte of the request body is flipped (requests without a body
 *       get {@link Fault#FLIP_RESPONSE} instead);
 *   <li>{@link Fault#FLIP_RESPONSE}: one bit of one byte of the response body is flipped, chunk framing included
 *       (responses without a body get {@link Fault#RESET} instead).
 * </ul>
 *
 * <p>Only on request ({@link #only}): {@link Fault#DROP}, the request reaches nobody and the connection is reset
 * before any answer, so the attempt fails whatever it was (a {@link Fault#RESET} that lands after the status line
 * of a bodiless answer, such as a PUT's, is an answer); {@link Fault#SERVER_ERROR}, the proxy answers
 * {@code 500 InternalError} in the server's place (a 5xx that is not throttling, so its retries back off as a
 * broken connection's do); {@link Fault#TRUNCATE}, the response body is cut after half of its bytes with a clean
 * close (FIN), as a middlebox with a size limit does: always at the same byte, and an HTTP client may take that
 * close for the end of the body.
 *
 * <p>Every connection carries one exchange: the proxy asks both sides for {@code Connection: close}, so "a
 * quarter of the connections" means a quarter of the requests. Which connection gets which fault, and where, is
 * a function of the seed and the connection's number only, so a failing run can be replayed with its seed (the
 * order in which parallel requests connect still varies). Bounded: it binds and connects to 127.0.0.1 only, stops
 * relaying after {@link #MAX_TRAFFIC} bytes, and gives up on a socket silent for {@link #IDLE_MS}.
 *
 * <pre>{@code
 * try (FaultProxy net = FaultProxy.start(S3.uri(), 0.25, seed)) {
 *   ... endpointurl = net.uri() ...
 *   net.faults(); net.connections();
 * }
 * }</pre>
 */
public final class FaultProxy implements AutoCloseable {
  /** What the proxy does to one connection. */
  public enum Fault { NONE, RESET, SLOW_DOWN, FLIP_REQUEST, FLIP_RESPONSE, DROP, SERVER_ERROR, TRUNCATE }

  static final long MAX_TRAFFIC = 8L << 30;
  static final int IDLE_MS = 30_000;
  private static final int MAX_HEAD = 64 * 1024;

  private final ServerSocket server;
  private final int targetPort;
  private final long seed;
  private volatile double rate;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fault-proxy");
    t.setDaemon(true);
    return t;
  });
  private volatile java.util.function.Predicate<String> target = line -> true;
  private volatile java.util.Set<Fault> kinds = java.util.EnumSet.range(Fault.RESET, Fault.FLIP_RESPONSE);
  private final AtomicInteger budget = new AtomicInteger(Integer.MAX_VALUE);
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicLong traffic = new AtomicLong();
  private final Map<Fault, AtomicInteger> faults = new EnumMap<>(Fault.class);

  private FaultProxy(ServerSocket server, int targetPort, double rate, long seed) {
    this.server = server;
    this.targetPort = targetPort;
    this.rate = rate;
    this.seed = seed;
    for (Fault f : Fault.values()) {
      faults.put(f, new AtomicInteger());
    }
  }

  /** Starts a proxy to {@code target} (an http URI on 127.0.0.1) that breaks {@code rate} of its connections. */
  public static FaultProxy start(URI target, double rate, long seed) throws IOException {
    if (!"127.0.0.1".equals(target.getHost())) {
      throw new IllegalArgumentException("the fault proxy only relays to 127.0.0.1, not " + target);
    }
    ServerSocket server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
    FaultProxy proxy = new FaultProxy(server, target.getPort(), rate, seed);
    proxy.threads.execute(proxy::acceptLoop);
    return proxy;
  }

  /** The address to use instead of the server's. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** Changes the share of broken connections from now on (0 = a clean network, as for setting up). */
  public void rate(double value) {
    this.rate = value;
  }

  /**
   * Breaks only requests whose start line (e.g. {@code GET /bucket/key HTTP/1.1}) matches, with only these kinds
   * of fault, at most {@code maxFaults} times from now on: for tests of one failure mode.
   */
  public FaultProxy only(java.util.regex.Pattern startLine, java.util.Set<Fault> faultKinds, int maxFaults) {
    this.target = startLine.asPredicate();
    this.kinds = java.util.EnumSet.copyOf(faultKinds);
    this.budget.set(maxFaults);
    return this;
  }

  /** Connections accepted so far. */
  public int connections() {
    return connections.get();
  }

  /** How many connections got each fault ({@link Fault#NONE} included). */
  public Map<Fault, Integer> faults() {
    Map<Fault, Integer> m = new EnumMap<>(Fault.class);
    faults.forEach((f, n) -> m.put(f, n.get()));
    return m;
  }

  /** Bytes relayed so far, both ways. */
  public long traffic() {
    return traffic.get();
  }

  /** Connections that got some fault. */
  public int faulted() {
    return connections.get() - faults.get(Fault.NONE).get();
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        int n = connections.getAndIncrement();
        threads.execute(() -> serve(client, n));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /** The fault of connection {@code n}, and the random number that places it: a function of seed and n only. */
  private record Plan(Fault fault, long where, int bit) {
    static Plan of(long seed, int n, double rate, java.util.Set<Fault> kinds) {
      SplittableRandom r = new SplittableRandom(seed * 1_000_003L + n);
      boolean broken = r.nextDouble() < rate;
      Fault[] allowed = kinds.toArray(new Fault[0]);
      Fault f = broken ? allowed[r.nextInt(allowed.length)] : Fault.NONE;
      return new Plan(f, r.nextLong() & Long.MAX_VALUE, r.nextInt(8));
    }

    Plan as(Fault other) {
      return new Plan(other, where, bit);
    }
  }

  private void serve(Socket client, int n) {
    Plan plan = Plan.of(seed, n, rate, kinds);
    try (client) {
      client.setSoTimeout(IDLE_MS);
      InputStream fromClient = client.getInputStream();
      Head request = Head.read(fromClient);
      if (request == null || traffic.get() > MAX_TRAFFIC) {
        return;
      }
      if (plan.fault() != Fault.NONE && (!target.test(request.startLine()) || budget.getAndDecrement() <= 0)) {
        plan = plan.as(Fault.NONE);
      }
      if (plan.fault() == Fault.FLIP_REQUEST && request.bodyLength() <= 0) {
        plan = plan.as(Fault.FLIP_RESPONSE);
      }
      if (plan.fault() == Fault.DROP) {
        faults.get(Fault.DROP).incrementAndGet();
        client.setSoLinger(true, 0);
        return;
      }
      if (plan.fault() == Fault.SLOW_DOWN) {
        faults.get(Fault.SLOW_DOWN).incrementAndGet();
        answerInstead(client, request, "503 Slow Down", "SlowDown", "Please reduce your request rate.");
        return;
      }
      if (plan.fault() == Fault.SERVER_ERROR) {
        faults.get(Fault.SERVER_ERROR).incrementAndGet();
        answerInstead(client, request, "500 Internal Server Error", "InternalError", "We encountered an internal "
            + "error. Please try again.");
        return;
      }
      try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
        upstream.setSoTimeout(IDLE_MS);
        upstream.getOutputStream().write(request.withConnectionClose());
        Plan planned = plan;
        long flipAt = planned.fault() == Fault.FLIP_REQUEST ? planned.where() % request.bodyLength() : -1;
        threads.execute(() -> pumpRequestBody(fromClient, upstream, flipAt, planned.bit()));
        relayResponse(upstream.getInputStream(), client, request, planned);
      }
    } catch (IOException e) {
      // one side went away: that is what this proxy is for
    }
  }

  private void pumpRequestBody(InputStream fromClient, Socket upstream, long flipAt, int bit) {
    try {
      OutputStream out = upstream.getOutputStream();
      copy(fromClient, out, flipAt, bit, Long.MAX_VALUE);
      upstream.shutdownOutput();
    } catch (IOException e) {
      // the exchange ended
    }
  }

  /** Relays interim (1xx) heads unchanged, then the final head and body with the planned fault. */
  private void relayResponse(InputStream fromServer, Socket client, Head request, Plan plan) throws IOException {
    OutputStream toClient = client.getOutputStream();
    Head response = Head.read(fromServer);
    while (response != null && response.status() >= 100 && response.status() < 200) {
      toClient.write(response.bytes());
      toClient.flush();
      response = Head.read(fromServer);
    }
    if (response == null) {
      faults.get(plan.fault()).incrementAndGet();
      return;
    }
    byte[] head = response.withConnectionClose();
    long body = "HEAD".equals(request.method()) || response.status() == 204 || response.status() == 304
        ? 0 : response.bodyLength();
    Fault fault = plan.fault() == Fault.FLIP_RESPONSE && body == 0 ? Fault.RESET : plan.fault();
    fault = fault == Fault.FLIP_REQUEST ? Fault.NONE : fault; // already applied on the way up
    faults.get(plan.fault() == Fault.FLIP_REQUEST ? plan.fault() : fault).incrementAndGet();
    if (fault == Fault.RESET) {
      // cut anywhere from the first byte of the head to the last of the body (a chunked body: its first 256 bytes)
      long cut = plan.where() % (head.length + (body >= 0 ? body : 256));
      if (cut < head.length) {
        toClient.write(head, 0, (int) cut);
      } else {
        toClient.write(head);
        copy(fromServer, toClient, -1, 0, cut - head.length);
      }
      toClient.flush();
      client.setSoLinger(true, 0); // close with RST, as a dropped connection looks
      return;
    }
    if (fault == Fault.TRUNCATE) {
      toClient.write(head);
      copy(fromServer, toClient, -1, 0, body > 0 ? body / 2 : 0);
      toClient.flush();
      return; // closed normally: FIN, not RST
    }
    toClient.write(head);
    long flipAt = fault == Fault.FLIP_RESPONSE ? plan.where() % (body > 0 ? body : 64) : -1;
    copy(fromServer, toClient, flipAt, plan.bit(), Long.MAX_VALUE);
    toClient.flush();
  }

  /** Answers with an S3 error ({@code status}: code and reason) without passing the request on. */
  private void answerInstead(Socket client, Head request, String status, String code, String message)
      throws IOException {
    if (request.bodyLength() > 0 && !request.expectsContinue()) {
      // read the body first, as a server does, or closing would reset the connection instead of answering
      client.getInputStream().skipNBytes(request.bodyLength());
    }
    byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
        + "</Message></Error>").getBytes(StandardCharsets.US_ASCII);
    boolean head = "HEAD".equals(request.method());
    String h = "HTTP/1.1 " + status + "\r\nContent-Type: application/xml\r\nContent-Length: " + body.length
        + "\r\nConnection: close\r\n\r\n";
    OutputStream out = client.getOutputStream();
    out.write(h.getBytes(StandardCharsets.US_ASCII));
    if (!head) {
      out.write(body);
    }
    out.flush();
  }

  /** Copies up to {@code limit} bytes, flipping one bit of the byte at {@code flipAt} (none if negative). */
  private void copy(InputStream in, OutputStream out, long flipAt, int bit, long limit) throws IOException {
    byte[] buf = new byte[64 * 1024];
    long pos = 0;
    while (pos < limit) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, limit - pos));
      if (n < 0) {
        return;
      }
      if (flipAt >= pos && flipAt < pos + n) {
        buf[(int) (flipAt - pos)] ^= (byte) (1 << bit);
      }
      out.write(buf, 0, n);
      pos += n;
      if (traffic.addAndGet(n) > MAX_TRAFFIC) {
        throw new IOException("fault proxy: traffic limit reached");
      }
    }
  }

  /** The head of one HTTP/1.1 message: start line and headers, up to and including the blank line. */
  private record Head(byte[] bytes, String startLine, Map<String, String> headers) {
    /** Reads one head byte by byte (heads are small), or returns null at end of stream. */
    static Head read(InputStream in) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      int last4 = 0;
      while (last4 != 0x0d0a0d0a) {
        int c = in.read();
        if (c < 0) {
          return null;
        }
        b.write(c);
        last4 = (last4 << 8) | c;
        if (b.size() > MAX_HEAD) {
          throw new IOException("HTTP head too long");
        }
      }
      String text = b.toString(StandardCharsets.ISO_8859_1);
      String[] lines = text.split("\r\n");
      Map<String, String> headers = new java.util.HashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
              lines[i].substring(colon + 1).trim());
        }
      }
      return new Head(b.toByteArray(), lines[0], headers);
    }

    String method() {
      return startLine.split(" ", 2)[0];
    }

    int status() {
      String[] parts = startLine.split(" ", 3);
      return parts.length > 1 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : -1;
    }

    /** The body's length from Content-Length; -1 when unknown (chunked), 0 when there is none. */
    long bodyLength() {
      if (headers.containsKey("transfer-encoding")) {
        return -1;
      }
      String cl = headers.get("content-length");
      return cl == null ? (startLine.startsWith("HTTP/") ? -1 : 0) : Long.parseLong(cl);
    }

    boolean expectsContinue() {
      return "100-continue".equalsIgnoreCase(headers.getOrDefault("expect", ""));
    }

    /** The head with any Connection header replaced by {@code Connection: close}: one exchange per connection. */
    byte[] withConnectionClose() {
      StringBuilder s = new StringBuilder();
      for (String line : new String(bytes, StandardCharsets.ISO_8859_1).split("\r\n")) {
        if (!line.isEmpty() && !line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
          s.append(line).append("\r\n");
        }
      }
      s.append("Connection: close\r\n\r\n");
      return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
  }
}
