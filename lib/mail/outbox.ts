import { render } from '@react-email/render';
import type { ReactElement } from 'react';
import type { Db } from '@/db/client';
import type { Clock } from '@/lib/clock';
import { outboundEmails } from '@/db/schema';

export interface OutgoingEmail {
  to: string;
  subject: string;
  /** Template name, for staff and tests: 'password-changed', 'password-reset', … */
  template: string;
  element: ReactElement;
  familyId?: number | null;
}

export interface RenderedEmail {
  toAddress: string;
  subject: string;
  template: string;
  html: string;
  text: string;
  familyId: number | null;
}

/** Renders an e-mail's HTML and plain-text parts (pure: do it before opening a transaction). */
export async function renderEmail(email: OutgoingEmail): Promise<RenderedEmail> {
  const [html, text] = await Promise.all([render(email.element), render(email.element, { plainText: true })]);
  return { toAddress: email.to, subject: email.subject, template: email.template, html, text, familyId: email.familyId ?? null };
}

/**
 * Writes e-mails to the outbox. Call it with the transaction that makes the change the e-mails
 * tell about: both are kept, or neither. Delivery happens later (deliverPendingEmails).
 */
export async function queueEmails(db: Db, clock: Clock, emails: RenderedEmail[]): Promise<number[]> {
  if (emails.length === 0) return [];
  const now = clock.now();
  const rows = await db
    .insert(outboundEmails)
    .values(emails.map((email) => ({ ...email, createdAt: now, nextAttemptAt: now })))
    .returning({ id: outboundEmails.id });
  return rows.map((row) => row.id);
}
