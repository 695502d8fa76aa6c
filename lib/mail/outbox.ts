import type { Db } from '@/db/client';
import { outboundEmails } from '@/db/schema';
import type { Clock } from '@/lib/clock';
import {
  emailTemplates,
  renderTemplate,
  secretKeysOf,
  type EmailTemplateName,
  type EmailTemplateProps,
  type RenderedBody,
  type SecretKey,
} from './templates';

/**
 * One e-mail to queue: a template of the registry, its props (plain JSON, kept), and apart the
 * secret props the template declares (links with a token), which only the message sent carries.
 */
export type OutgoingEmail = {
  [N in EmailTemplateName]: { to: string; template: N; props: Omit<EmailTemplateProps<N>, SecretKey<N>>; familyId?: number | null } & ([
    SecretKey<N>,
  ] extends [never]
    ? { secrets?: undefined }
    : { secrets: Pick<EmailTemplateProps<N>, SecretKey<N>> });
}[EmailTemplateName];

/**
 * Writes e-mails to the outbox. Call it with the transaction that makes the change the e-mails
 * tell about: both are kept, or neither. Only the template's name and props are stored: rendering
 * happens at delivery (deliverPendingEmails), outside the writer's locks. The secrets go to their
 * own column, which delivery clears once the message is sent or given up.
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
        secrets: email.secrets ?? null,
        familyId: email.familyId ?? null,
        createdAt: now,
        nextAttemptAt: now,
      })),
    )
    .returning({ id: outboundEmails.id });
  return rows.map((row) => row.id);
}

type StoredMessage = { template: string; props: unknown; secrets?: unknown; html: string | null; text: string | null };

/**
 * A message's HTML and text as kept (outbox, staff view, the local transport's folder): as sent
 * once it was, else rendered from its props; either way with every token link redacted.
 */
export async function messageBody(message: StoredMessage): Promise<RenderedBody> {
  if (message.html !== null && message.text !== null) return { html: message.html, text: message.text };
  return renderTemplate(message.template, message.props);
}

/** The message to send (with its secrets) and the copy to keep (without). */
export async function deliveryBodies(message: StoredMessage): Promise<{ sent: RenderedBody; kept: RenderedBody }> {
  const kept = await messageBody(message);
  // Queued already rendered (before templates were stored by name): sent as it was queued.
  if (message.html !== null && message.text !== null) return { sent: kept, kept };
  if (secretKeysOf(message.template).length === 0) return { sent: kept, kept };
  // Without its secrets (never expected) this throws: better a failed delivery than a dead link.
  const secrets = (message.secrets ?? {}) as Record<string, unknown>;
  return { sent: await renderTemplate(message.template, message.props, secrets), kept };
}
