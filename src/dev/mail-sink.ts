import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A local SMTP sink for the demo (command 1) and the tests: it accepts every message on its SMTP port, keeps it in
 * memory, and shows the messages on a small web page (`/`) and as JSON (`/messages`; `DELETE /messages` empties it).
 * Development only: no authentication, no TLS, nothing is relayed.
 */
export interface SinkMessage {
  id: number;
  receivedAt: string;
  from: string;
  /** The envelope's recipients (RCPT TO). */
  to: string[];
  subject: string;
  text: string;
  messageId?: string;
  /** X-Thidua-Event: the outbox event the mail came from. */
  event?: string;
}

export interface MailSink {
  smtpPort: number;
  httpPort: number;
  messages(): SinkMessage[];
  clear(): void;
  /** Stops listening for SMTP (connections are refused) until up(). */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

function page(messages: readonly SinkMessage[]): string {
  const rows = [...messages]
    .reverse()
    .map(
      (m) => `<article><h2>${escapeHtml(m.subject)}</h2>
<p><b>Đến:</b> ${escapeHtml(m.to.join(', '))} · <b>Từ:</b> ${escapeHtml(m.from)} · <b>Lúc:</b> ${escapeHtml(m.receivedAt)}</p>
<pre>${escapeHtml(m.text).replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>')}</pre></article>`,
    )
    .join('\n');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Hộp thư thử nghiệm (${messages.length})</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem}article{border-bottom:1px solid #ccc;padding:.5rem 0}
pre{white-space:pre-wrap;background:#f6f6f6;padding:.5rem}h2{font-size:1.1rem;margin:.2rem 0}</style></head>
<body><h1>Hộp thư thử nghiệm: ${messages.length} thư</h1><p>Mọi thư hệ thống gửi đến máy chủ SMTP thử nghiệm này (không chuyển tiếp đi đâu). JSON: <a href="messages">/messages</a></p>
${rows || '<p>Chưa có thư nào.</p>'}</body></html>`;
}

export async function startMailSink(options: { smtpPort?: number; httpPort?: number; host?: string } = {}): Promise<MailSink> {
  const host = options.host ?? '127.0.0.1';
  const stored: SinkMessage[] = [];
  let nextId = 1;
  const smtp = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      size: 5 * 1024 * 1024,
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((parsed) => {
            const event = parsed.headers.get('x-thidua-event');
            stored.push({
              id: nextId++,
              receivedAt: new Date().toISOString(),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              ...(parsed.messageId ? { messageId: parsed.messageId } : {}),
              ...(typeof event === 'string' ? { event } : {}),
            });
            callback();
          })
          .catch((err: Error) => callback(err));
      },
    });

  let server = smtp();
  const listen = (s: SMTPServer, port: number) =>
    new Promise<number>((resolve, reject) => {
      s.server.once('error', reject);
      s.listen(port, host, () => resolve((s.server.address() as AddressInfo).port));
    });
  const smtpPort = await listen(server, options.smtpPort ?? 0);
  let smtpUp = true;

  const http: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/messages' && req.method === 'DELETE') {
      stored.length = 0;
      res.writeHead(204).end();
    } else if (path === '/messages') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(stored));
    } else if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(stored));
    } else res.writeHead(404).end();
  });
  const httpPort = await new Promise<number>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.httpPort ?? 0, host, () => resolve((http.address() as AddressInfo).port));
  });

  const closeSmtp = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    smtpPort,
    httpPort,
    messages: () => [...stored],
    clear: () => {
      stored.length = 0;
    },
    async down() {
      if (!smtpUp) return;
      smtpUp = false;
      await closeSmtp();
    },
    async up() {
      if (smtpUp) return;
      server = smtp();
      await listen(server, smtpPort);
      smtpUp = true;
    },
    async close() {
      if (smtpUp) await closeSmtp();
      smtpUp = false;
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

// `node dist/src/dev/mail-sink.js`: command 1's sink, on MAIL_SINK_SMTP_PORT (1025) and MAIL_SINK_HTTP_PORT (1080).
if (require.main === module) {
  startMailSink({
    smtpPort: Number(process.env.MAIL_SINK_SMTP_PORT || 1025),
    httpPort: Number(process.env.MAIL_SINK_HTTP_PORT || 1080),
  })
    .then((sink) => {
      console.log(`mail sink: SMTP on 127.0.0.1:${sink.smtpPort}, messages on http://127.0.0.1:${sink.httpPort}/`);
      const stop = () => void sink.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
