import fs from 'node:fs/promises';
import path from 'node:path';
import { Resend } from 'resend';

export interface MailMessage {
  id: number;
  to: string;
  subject: string;
  /** The message to send, token links included. */
  html: string;
  text: string;
  /** The same message as it may be kept, token links redacted. */
  kept: { html: string; text: string };
}

export interface MailTransport {
  readonly name: string;
  /** Sends one message; the message id makes a repeated call harmless. Returns the provider's id. */
  send(message: MailMessage): Promise<string>;
}

const defaultFrom = () => process.env.MAIL_FROM ?? 'Compte Famille <no-reply@mairie.example.fr>';

export function resendTransport(apiKey: string, from = defaultFrom()): MailTransport {
  const resend = new Resend(apiKey);
  return {
    name: 'resend',
    async send(message) {
      const { data, error } = await resend.emails.send(
        { from, to: message.to, subject: message.subject, html: message.html, text: message.text },
        // Resend drops a second send with the same key: a retry after a crash cannot duplicate.
        { idempotencyKey: `compte-famille-email-${message.id}` },
      );
      if (error || !data) throw new Error(`Resend refused message ${message.id}: ${error?.message ?? 'no answer'}`);
      return data.id;
    },
  };
}

/**
 * Keeps messages instead of sending them: the outbox row itself is the copy staff read, and each
 * message is also written under `dir` (default .data/mail/) for developers — as kept, token links
 * redacted. With `captureDir` (MAIL_CAPTURE_DIR, never in production) the message exactly as it
 * would have been sent, links included, is written there too: the test mailbox of developers.
 * Writing the same id again overwrites the same file: never two copies of one message.
 */
export function localTransport(
  dir = process.env.MAIL_DIR ?? path.resolve(/*turbopackIgnore: true*/ '.data/mail'),
  captureDir?: string,
): MailTransport {
  const write = async (folder: string, message: Omit<MailMessage, 'kept'>) => {
    await fs.mkdir(folder, { recursive: true });
    const base = path.join(folder, `${String(message.id).padStart(6, '0')}`);
    await fs.writeFile(`${base}.json`, JSON.stringify({ ...message, from: defaultFrom() }, null, 2));
    await fs.writeFile(`${base}.html`, message.html);
  };
  return {
    name: 'local',
    async send({ kept, ...message }) {
      await write(dir, { ...message, ...kept });
      if (captureDir) await write(captureDir, message);
      return `local-${message.id}`;
    },
  };
}

let warnedAboutCapture = false;

/**
 * MAIL_CAPTURE_DIR, for development and tests only: in production (NODE_ENV=production) it is
 * ignored, with a warning, so that no working link is ever written to the server's disk.
 */
export function mailCaptureDir(env: Record<string, string | undefined> = process.env): string | undefined {
  const dir = env.MAIL_CAPTURE_DIR;
  if (!dir) return undefined;
  if (env.NODE_ENV === 'production') {
    if (!warnedAboutCapture) console.warn('MAIL_CAPTURE_DIR is ignored in production: the messages with their links are not kept.');
    warnedAboutCapture = true;
    return undefined;
  }
  return path.resolve(/*turbopackIgnore: true*/ dir);
}

/** Resend when RESEND_API_KEY is set, else the local transport. */
export function configuredTransport(): MailTransport {
  const key = process.env.RESEND_API_KEY;
  return key ? resendTransport(key) : localTransport(undefined, mailCaptureDir());
}
