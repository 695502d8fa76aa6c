import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Euros } from '@/components/money';
import { TableRegion } from '@/components/table-region';
import { getDb } from '@/db';
import { findActivity } from '@/lib/activities/activities';
import { activityPriceGrid } from '@/lib/activities/price-brackets';
import { bracketLabel } from '@/lib/activities/rules';
import { requireStaff } from '@/lib/auth/session';
import { queryId } from '@/lib/query-params';
import { AddPriceBracketForm, RemovePriceBracketForm } from '../../price-grid-forms';

export const metadata: Metadata = { title: 'Tarifs par quotient familial' };

const cell = 'px-3 py-2';

export default async function PriceGridPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requireStaff();
  const db = await getDb();
  const id = queryId((await params).id);
  const activity = id === null ? null : await findActivity(db, id);
  if (!activity) notFound();
  const admin = staff.role === 'admin';
  const grid = await activityPriceGrid(db, activity.id);
  const perDay = activity.quantity > 1;
  return (
    <div className="space-y-6">
      <p>
        <Link href={`/admin/activites/${activity.id}`} className="text-brand-800 underline">
          Retour à l’activité
        </Link>
      </p>
      <h1 className="text-2xl font-bold">Tarifs par quotient familial : {activity.name}</h1>
      <p className="max-w-prose">
        Le tarif d’un jour est celui de la tranche du quotient familial de la famille valable ce jour-là. Sans quotient familial connu, ou hors de toute tranche : le tarif de
        l’activité, <Euros cents={activity.unitPriceCents} />
        {perDay && <> × {activity.quantity} par jour</>}. Le tarif est fixé quand la famille valide sa demande : une modification de la grille vaut pour les demandes validées
        ensuite.
      </p>
      {grid.length === 0 ? (
        <p>Aucune tranche : toutes les familles paient le tarif de l’activité.</p>
      ) : (
        <TableRegion label="Tarifs par quotient familial">
          <table className="w-full text-sm">
            <caption className="sr-only">Tranches de quotient familial et leurs tarifs</caption>
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className={cell}>Quotient familial</th>
                <th scope="col" className={`${cell} text-right`}>Tarif unitaire</th>
                {perDay && <th scope="col" className={`${cell} text-right`}>Tarif du jour</th>}
                {admin && <th scope="col" className={cell}>Supprimer</th>}
              </tr>
            </thead>
            <tbody>
              {grid.map((bracket) => (
                <tr key={bracket.id} className="border-t border-slate-200">
                  <th scope="row" className={`${cell} text-left font-medium whitespace-nowrap`}>{bracketLabel(bracket)}</th>
                  <td className={`${cell} text-right`}><Euros cents={bracket.unitPriceCents} /></td>
                  {perDay && <td className={`${cell} text-right`}><Euros cents={bracket.unitPriceCents * activity.quantity} /></td>}
                  {admin && (
                    <td className={cell}>
                      <RemovePriceBracketForm activityId={activity.id} bracketId={bracket.id} label={bracketLabel(bracket)} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {admin && <AddPriceBracketForm activityId={activity.id} />}
    </div>
  );
}
