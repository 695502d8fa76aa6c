import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { outboundEmails } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { StaffMember } from '@/lib/auth/session';
import type { Clock } from '@/lib/clock';
import { Refusal, ok, refusalAsResult, type Result } from '@/lib/result';
import { isTemplateName, secretKeysOf } from './templates';

export const RESEND_WITHOUT_SECRETS =
  'Cet e-mail contenait un lien personnel (activation du compte, mot de passe, adresse e-mail) qui n’est plus conservé après l’envoi : il ne peut pas être renvoyé tel quel. Émettez un nouveau lien depuis la fiche de la famille.';

/**
 * "Renvoyer": queues a new message copying a sent or failed one (template and props, or the HTML
 * and text it was queued with), in the audit log with the actor. The original stays as it was.
 * Never twice by accident: the original's row is locked while deciding (the outbox is outside the
 * family → days → wallets order; nothing else is locked here), and a copy still waiting refuses
 * another (backed by a unique index). A message whose link carried a token cannot be resent: its
 * secrets were cleared at delivery.
 */
export async function resendEmail(db: Db, clock: Clock, staff: StaffMember, id: number): Promise<Result<number>> {
  return refusalAsResult(() =>
    db.transaction(async (tx) => {
      const [message] = await tx.select().from(outboundEmails).where(eq(outboundEmails.id, id)).for('update');
      if (!message) throw new Refusal('E-mail introuvable.');
      if (message.status === 'pending') throw new Refusal('Cet e-mail est encore en attente d’envoi : il n’y a rien à renvoyer.');
      if (message.props !== null && (!isTemplateName(message.template) || secretKeysOf(message.template).length > 0)) throw new Refusal(RESEND_WITHOUT_SECRETS);
      const [waiting] = await tx
        .select({ id: outboundEmails.id })
        .from(outboundEmails)
        .where(and(eq(outboundEmails.resentFromId, id), eq(outboundEmails.status, 'pending')));
      if (waiting) throw new Refusal(`Une copie de cet e-mail (n° ${waiting.id}) attend déjà d’être envoyée.`);
      const now = clock.now();
      const [copy] = await tx
        .insert(outboundEmails)
        .values({
          toAddress: message.toAddress,
          subject: message.subject,
          template: message.template,
          props: message.props,
          html: message.props === null ? message.html : null,
          text: message.props === null ? message.text : null,
          familyId: message.familyId,
          resentFromId: message.id,
          createdAt: now,
          nextAttemptAt: now,
        })
        .returning({ id: outboundEmails.id });
      await recordAudit(tx, clock, staff, {
        action: 'email.resend',
        entityType: 'outbound_email',
        entityId: copy!.id,
        familyId: message.familyId,
        details: { resentFrom: message.id, template: message.template },
      });
      return ok(copy!.id);
    }),
  );
}
