import fs from 'node:fs/promises';
import path from 'node:path';
import { Resend } from 'resend';

export interface MailMessage {
  id: number;
  to: string;
  subject: string;
  html: string;
  text: string;
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
 * message is also written under `dir` (default .data/mail/) for developers and browser tests.
 * Writing the same id again overwrites the same file: never two copies of one message.
 */
export function localTransport(dir = process.env.MAIL_DIR ?? path.resolve(/*turbopackIgnore: true*/ '.data/mail')): MailTransport {
  return {
    name: 'local',
    async send(message) {
      await fs.mkdir(dir, { recursive: true });
      const base = path.join(dir, `${String(message.id).padStart(6, '0')}`);
      await fs.writeFile(`${base}.json`, JSON.stringify({ ...message, from: defaultFrom() }, null, 2));
      await fs.writeFile(`${base}.html`, message.html);
      return `local-${message.id}`;
    },
  };
}

/** Resend when RESEND_API_KEY is set, else the local transport. */
export function configuredTransport(): MailTransport {
  const key = process.env.RESEND_API_KEY;
  return key ? resendTransport(key) : localTransport();
}
