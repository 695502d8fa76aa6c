import type { Db } from '@/db/client';
import { outboundEmails } from '@/db/schema';
import type { Clock } from '@/lib/clock';
import { emailTemplates, renderTemplate, type EmailTemplateName, type EmailTemplateProps, type RenderedBody } from './templates';

/** One e-mail to queue: a template of the registry and its props (plain JSON). */
export type OutgoingEmail = {
  [N in EmailTemplateName]: { to: string; template: N; props: EmailTemplateProps<N>; familyId?: number | null };
}[EmailTemplateName];

/**
 * Writes e-mails to the outbox. Call it with the transaction that makes the change the e-mails
 * tell about: both are kept, or neither. Only the template's name and props are stored: rendering
 * happens at delivery (deliverPendingEmails), outside the writer's locks.
 */
export async function queueEmails(db: Db, clock: Clock, emails: OutgoingEmail[]): Promise<number[]> {
  if (emails.length === 0) return [];
  const now = clock.now();
  const rows = await db
    .insert(outboundEmails)
    .values(
      emails.map((email) => ({
        toAddress: email.to,
        subject: emailTemplates[email.template].subject,
        template: email.template,
        props: email.props,
        familyId: email.familyId ?? null,
        createdAt: now,
        nextAttemptAt: now,
      })),
    )
    .returning({ id: outboundEmails.id });
  return rows.map((row) => row.id);
}

/**
 * A stored message's HTML and text: as sent when it was (and for messages queued already rendered),
 * else rendered now from its template and props.
 */
export async function messageBody(message: { template: string; props: unknown; html: string | null; text: string | null }): Promise<RenderedBody> {
  if (message.html !== null && message.text !== null) return { html: message.html, text: message.text };
  return renderTemplate(message.template, message.props);
}
