/** A real SMTP server on 127.0.0.1 for tests (the `smtp-server` package), collecting what it receives. */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received {
  readonly from: string;
  readonly to: readonly string[];
  readonly raw: string;
}

export class TestSmtpServer {
  readonly received: Received[] = [];
  private server: SMTPServer | undefined;
  /** Reply to every DATA with this error (e.g. a 5xx) instead of accepting. */
  rejectWith: { readonly code: number; readonly message: string } | undefined;
  /**
   * Down: every connection is answered "421 service not available" and closed, as a server going down does. The
   * port stays this server's: a stopped server's port can be taken by another test's listener (tests run in
   * parallel), whose answers are not a refused connection.
   */
  down = false;

  /** Listens on `port` (0: a free one), up, and returns the port. */
  async start(port = 0): Promise<number> {
    this.down = false;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onConnect: (_session, callback) => {
        if (this.down)
          callback(
            Object.assign(new Error('Service not available, closing channel (test server down)'), {
              responseCode: 421,
            }),
          );
        else callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (this.rejectWith) {
            const err = Object.assign(new Error(this.rejectWith.message), { responseCode: this.rejectWith.code });
            callback(err);
            return;
          }
          const mailFrom = session.envelope.mailFrom;
          this.received.push({
            from: mailFrom === false ? '' : mailFrom.address,
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    return (server.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}
