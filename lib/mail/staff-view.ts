import { desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { outboundEmails } from '@/db/schema';
import { messageBody } from './outbox';

export type EmailStatus = (typeof outboundEmails.status.enumValues)[number];

/** The newest messages of the outbox, of one status when given. */
export async function listOutbox(db: Db, { status, limit = 200 }: { status?: EmailStatus; limit?: number } = {}) {
  return db
    .select({
      id: outboundEmails.id,
      toAddress: outboundEmails.toAddress,
      subject: outboundEmails.subject,
      template: outboundEmails.template,
      status: outboundEmails.status,
      attempts: outboundEmails.attempts,
      lastError: outboundEmails.lastError,
      createdAt: outboundEmails.createdAt,
      sentAt: outboundEmails.sentAt,
      resentFromId: outboundEmails.resentFromId,
    })
    .from(outboundEmails)
    .where(status ? eq(outboundEmails.status, status) : undefined)
    .orderBy(desc(outboundEmails.id))
    .limit(limit);
}

/**
 * One message with its HTML and text: as sent, or as it will be sent when still waiting, token
 * links redacted either way. Its secrets are never handed out.
 */
export async function outboxMessage(db: Db, id: number) {
  const [message] = await db.select().from(outboundEmails).where(eq(outboundEmails.id, id));
  return message ? { ...message, secrets: null, ...(await messageBody(message)) } : null;
}

export const emailStatusLabel = { pending: 'En attente', sent: 'Envoyé', failed: 'Échec' } as const;

export const isEmailStatus = (value: string | undefined): value is EmailStatus => !!value && Object.hasOwn(emailStatusLabel, value);
