import nodemailer, { type Transporter } from 'nodemailer';
import type { NotificationConfig } from '../config/notification.config.js';
import type { ChannelSender, Destination, OutgoingMessage, SendResult } from './channel-sender.js';
import { describeError } from './channel-sender.js';

/** E-mail over SMTP (nodemailer, pooled connections), plain text only. */
export class EmailSender implements ChannelSender {
  readonly channel = 'email' as const;
  private readonly transport: Transporter;

  constructor(private readonly config: NotificationConfig) {
    this.transport = nodemailer.createTransport({
      host: config.SMTP_HOST,
      port: config.SMTP_PORT,
      secure: config.SMTP_SECURE,
      requireTLS: config.SMTP_REQUIRE_TLS,
      auth: config.SMTP_USER ? { user: config.SMTP_USER, pass: config.SMTP_PASSWORD ?? '' } : undefined,
      pool: true,
      maxConnections: 5,
      connectionTimeout: config.NOTIFY_SEND_TIMEOUT_MS,
      greetingTimeout: config.NOTIFY_SEND_TIMEOUT_MS,
      socketTimeout: config.NOTIFY_SEND_TIMEOUT_MS,
    });
  }

  async send(message: OutgoingMessage, destination: Destination, signal: AbortSignal): Promise<SendResult> {
    const sending = this.transport.sendMail({
      from: this.config.SMTP_FROM,
      to: destination.address,
      subject: message.subject,
      text: `${message.text}\n\n--\nNRM notification ${message.deliveryId} (${message.eventType}).\n`,
      // A stable Message-ID per delivery lets mail systems drop a duplicate after a retry.
      messageId: `<${message.deliveryId}@nrm.notification>`,
      headers: { 'X-NRM-Delivery-Id': message.deliveryId, 'X-NRM-Event-Type': message.eventType },
    });
    try {
      const info = (await abortable(sending, signal)) as { response?: string };
      const code = Number.parseInt(String(info.response ?? '').slice(0, 3), 10);
      return { ok: true, responseCode: Number.isFinite(code) ? code : undefined };
    } catch (err) {
      return describeError(err, signal);
    }
  }

  close(): void {
    this.transport.close();
  }
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error('aborted'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
