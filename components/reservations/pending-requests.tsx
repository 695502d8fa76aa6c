'use client';

import Link from 'next/link';
import { Euros } from '@/components/money';
import { formatDateWithWeekday } from '@/lib/format';
import { useCalendarBoard } from './calendar-board';
import type { PendingRequestKind } from './pending-request-list';

const BADGES: Record<PendingRequestKind, { text: string; className: string }> = {
  cancellation: { text: 'Annulation demandée', className: 'bg-green-300 text-green-950' },
  waitlist: { text: 'Liste d’attente demandée', className: 'bg-yellow-100 text-yellow-950' },
  reservation: { text: 'Réservation demandée', className: 'bg-orange-300 text-orange-950' },
};

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;

/** "Vos demandes en cours": the basket's requests for every activity, by date, each linking to its calendar; updated by each click. */
export function PendingRequests() {
  const { additions, removals, lines } = useCalendarBoard().board.requests;
  return (
    <section aria-labelledby="demandes" className="space-y-2">
      <h2 id="demandes" className="text-lg font-semibold">
        Vos demandes en cours
      </h2>
      {lines.length === 0 ? (
        <p className="text-slate-700">Aucune demande en cours.</p>
      ) : (
        <>
          <p className="text-sm text-slate-700">
            Pour toutes vos activités, pas encore validées : {plural(additions, 'réservation')} et{' '}
            {plural(removals, 'annulation')}.
          </p>
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm">
            {lines.map((line) => (
              <li key={line.itemId} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-3 py-2">
                <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${BADGES[line.kind].className}`}>{BADGES[line.kind].text}</span>
                <span className="whitespace-nowrap">{formatDateWithWeekday(line.date)}</span>
                <span>{line.childName}</span>
                <Link prefetch={false} href={line.href} className="text-brand-800 underline">
                  {line.activityName}
                </Link>
                <Euros cents={line.costCents} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
