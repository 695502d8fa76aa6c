import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Euros } from '@/components/money';
import { Notice } from '@/components/notice';
import { getDb } from '@/db';
import { appClock } from '@/lib/clock';
import { configuredGatewayName } from '@/lib/payments/configured-gateway';
import { sandboxOperationToDecide } from '@/lib/payments/sandbox-bank';
import { SANDBOX_TEST_CARDS } from '@/lib/payments/sandbox-cards';
import { townName } from '@/lib/town';
import { SandboxCardForm } from './card-form';

export const metadata: Metadata = { title: 'Paiement par carte (environnement de test)' };

// The sandbox gateway's bank page (PAYMENT_GATEWAY=sandbox): it stands for the bank's own page, so
// it is public and shows nothing of the portal but the merchant, the amount and the reference.
export default async function SandboxBankPage({ params }: { params: Promise<{ transaction: string }> }) {
  if (configuredGatewayName() !== 'sandbox') notFound();
  const { transaction } = await params;
  if (!/^[0-9a-f]{32}$/.test(transaction)) notFound();
  const operation = await sandboxOperationToDecide(await getDb(), appClock(), transaction);
  if (!operation) notFound();

  return (
    <main id="contenu" className="flex min-h-screen items-start justify-center bg-slate-100 px-3 py-8 sm:items-center">
      <div className="w-full max-w-md space-y-5 rounded-xl border border-slate-300 bg-white p-5 shadow-sm">
        <p className="rounded-md border-2 border-dashed border-amber-600 bg-amber-50 px-3 py-2 text-sm font-semibold text-amber-950">
          <span aria-hidden="true">⚠ </span>Environnement de test — aucune carte réelle n’est débitée
        </p>
        <div>
          <p className="text-sm font-semibold text-slate-700">Banque de test · Paiement sécurisé</p>
          <h1 className="text-2xl font-bold">Paiement par carte</h1>
        </div>
        {operation.state === 'expired' ? (
          <>
            <Notice tone="error">Le délai de paiement est dépassé : cette opération a expiré. Rien n’a été débité.</Notice>
            <a href={operation.returnUrl} className="inline-block text-brand-800 underline">
              Retourner sur le site du marchand
            </a>
          </>
        ) : (
          <>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-md bg-slate-50 p-3 text-sm">
              <dt className="font-medium text-slate-700">Marchand</dt>
              <dd>{townName()}</dd>
              <dt className="font-medium text-slate-700">Montant</dt>
              <dd className="text-base font-bold">
                <Euros cents={operation.amountCents} />
              </dd>
              <dt className="font-medium text-slate-700">Référence</dt>
              <dd className="break-all font-mono">{operation.reference}</dd>
            </dl>
            <SandboxCardForm transactionId={operation.transactionId} />
            <section aria-labelledby="cartes-de-test" className="rounded-md border border-sky-300 bg-sky-50 p-3 text-sm text-sky-950">
              <h2 id="cartes-de-test" className="font-semibold">
                Cartes de test
              </h2>
              <ul className="mt-1 space-y-1">
                {SANDBOX_TEST_CARDS.map((card) => (
                  <li key={card.number}>
                    <span className="font-mono whitespace-nowrap">{card.number}</span> : {card.effect}
                  </li>
                ))}
              </ul>
              <p className="mt-1">Date d’expiration future et cryptogramme quelconques (par exemple 12/30 et 123). Toute autre carte n’est pas reconnue.</p>
            </section>
          </>
        )}
      </div>
    </main>
  );
}
