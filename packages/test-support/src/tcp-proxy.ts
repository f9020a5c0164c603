import net from "node:net";

/**
 * A loopback TCP proxy for tests: lets a test cut the network path to a real server
 * (`stop`), restore it (`start`), or slow every chunk down (`delayMs`).
 */
export class TcpProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  delayMs = 0;
  /**
   * Drops every chunk, both ways, without closing anything: a path that died without a reset
   * (a NAT or firewall forgetting an idle connection). Open connections stay dead after it ends.
   */
  silent = false;
  port = 0;
  /** Every chunk a client sends, before it is forwarded; lets tests see what is in flight. */
  onClientData: ((chunk: Buffer) => void) | undefined;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(port = this.port): Promise<number> {
    const server = net.createServer((client) => this.pipe(client));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
    this.server = server;
    this.port = (server.address() as net.AddressInfo).port;
    return this.port;
  }

  /** Refuses new connections and drops open ones, as a server that went away would. */
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private pipe(client: net.Socket): void {
    const upstream = net.connect(this.targetPort, this.targetHost);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    let dead = false;
    const forward = (from: net.Socket, to: net.Socket) =>
      from.on("data", (chunk) => {
        if (this.silent) {
          dead = true;
          return;
        }
        if (dead) return;
        if (this.delayMs === 0) to.write(chunk);
        else {
          from.pause();
          setTimeout(() => {
            to.write(chunk);
            from.resume();
          }, this.delayMs);
        }
      });
    client.on("data", (chunk: Buffer) => this.onClientData?.(chunk));
    forward(client, upstream);
    forward(upstream, client);
    client.on("end", () => upstream.end());
    upstream.on("end", () => client.end());
  }
}
