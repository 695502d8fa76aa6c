import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Notice } from '@/components/notice';
import { buttonStyles } from '@/components/reservations/buttons';
import { getDb } from '@/db';
import { requireGuardian } from '@/lib/auth/session';
import { formatDateTime, formatEuros } from '@/lib/format';
import { familyCardPayment, type FamilyCardPayment } from '@/lib/payments/family-payment';
import { RefreshWhileChecking } from './refresh-while-checking';

export const metadata: Metadata = { title: 'Résultat du paiement' };

function PaidDetails({ payment }: { payment: FamilyCardPayment }) {
  return (
    <>
      <Notice tone="success">
        <p className="font-semibold">Paiement accepté : {formatEuros(payment.amountCents)}</p>
      </Notice>
      <section aria-labelledby="credits" className="space-y-2">
        <h2 id="credits" className="text-lg font-semibold">
          Porte-monnaie crédités
        </h2>
        <ul className="list-disc pl-5">
          {payment.wallets.map((wallet) => (
            <li key={wallet.walletType}>
              {wallet.walletType} : <span className="tabular-nums">{formatEuros(wallet.amountCents)}</span>
            </li>
          ))}
        </ul>
      </section>
      {payment.email && <p>Un e-mail de confirmation vous a été envoyé à {payment.email}.</p>}
    </>
  );
}

const FINAL_MESSAGES = {
  refused: { tone: 'error', text: 'Paiement refusé par la banque : aucun montant n’a été débité.' },
  abandoned: { tone: 'info', text: 'Paiement abandonné : aucun montant n’a été débité.' },
  expired: { tone: 'info', text: 'Paiement non abouti dans le délai imparti : aucun montant n’a été débité.' },
} as const;

export default async function CardPaymentReturnPage({ params }: { params: Promise<{ reference: string }> }) {
  const guardian = await requireGuardian();
  const { reference } = await params;
  if (!/^[A-Z0-9]{1,40}$/.test(reference)) notFound();
  // Reads only: the wallets are credited by the bank's verified notification, never by this page.
  const payment = await familyCardPayment(await getDb(), guardian.familyId, reference);
  if (!payment) notFound();

  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">Résultat du paiement</h1>
      <p className="text-slate-700">
        Paiement CB n° <span className="font-mono">{payment.reference}</span> de {formatEuros(payment.amountCents)}, commencé le{' '}
        {formatDateTime(payment.createdAt)}.
      </p>

      {payment.status === 'initiated' && (
        <>
          <RefreshWhileChecking />
          <div role="status" className="space-y-2 rounded-md border border-sky-300 bg-sky-50 px-3 py-2 text-sky-950">
            <p className="font-semibold">
              <span aria-hidden="true">⏳ </span>Paiement en cours de vérification
            </p>
            <p className="text-sm">
              Nous attendons la confirmation de la banque ; cette page se met à jour d’elle-même dans quelques secondes. Votre porte-monnaie
              sera crédité dès la confirmation reçue.
            </p>
          </div>
          <p>
            <Link prefetch={false} href={`/soldes/paiement/retour/${payment.reference}`} className="font-semibold text-brand-800 underline">
              Actualiser
            </Link>
          </p>
        </>
      )}
      {payment.status === 'paid' && <PaidDetails payment={payment} />}
      {payment.status !== 'initiated' && payment.status !== 'paid' && (
        <Notice tone={FINAL_MESSAGES[payment.status].tone}>
          <p className="font-semibold">{FINAL_MESSAGES[payment.status].text}</p>
        </Notice>
      )}

      <p className="flex flex-wrap gap-3 pt-2">
        <Link prefetch={false} href="/soldes" className={buttonStyles.validate}>
          Retour aux soldes
        </Link>
        <Link prefetch={false} href="/historiques/reglements" className={buttonStyles.back}>
          Historiques des règlements
        </Link>
      </p>
    </div>
  );
}
