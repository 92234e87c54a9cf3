// A real SMTP server inside the test (smtp-server from npm) that keeps what it receives, parsed by mailparser, and
// can be told to refuse recipients with a temporary error.
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

/** One message as the server received it: the envelope's recipients and the parsed message. */
export interface ReceivedMail {
  to: string[];
  mail: ParsedMail;
}

export interface TestSmtpServer {
  /** smtp://user:password@127.0.0.1:port */
  url: string;
  received: ReceivedMail[];
  /** Refuses the next `count` recipients with "451 4.3.0 …" (a temporary failure, to be retried). */
  refuseNext(count: number): void;
  close(): Promise<void>;
}

const user = "mailer";
const password = "test-smtp-password";

/** Starts a server on a free loopback port, asking for the credentials its `url` carries. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  let refusals = 0;
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === password) callback(null, { user });
      else callback(new Error("535 Authentication failed"));
    },
    onRcptTo(_address, _session, callback) {
      if (refusals > 0) {
        refusals -= 1;
        callback(Object.assign(new Error("4.3.0 Mailbox busy, try again later"), { responseCode: 451 }));
      } else callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), mail });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://${user}:${password}@127.0.0.1:${port}`,
    received,
    refuseNext(count) {
      refusals = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
