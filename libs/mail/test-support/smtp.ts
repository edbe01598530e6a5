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

  /** Listens on `port` (0: a free one) and returns the port. */
  async start(port = 0): Promise<number> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
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
