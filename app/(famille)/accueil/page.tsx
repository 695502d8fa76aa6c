import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { WalletBalancesTable } from '@/components/wallet-balances-table';
import { getDb } from '@/db';
import { requireGuardian } from '@/lib/auth/session';
import { formatDate, formatDateTime, formatLongDateTitle } from '@/lib/format';
import { announcedBookingPeriods } from '@/lib/reservations/periods';
import { ageOn, appClock, parisToday } from '@/lib/clock';
import { familyOverview } from '@/lib/families/overview';
import { menusOfTheWeek } from '@/lib/menus/week-menus';
import { visibleNewsItems } from '@/lib/news/news-items';

export const metadata: Metadata = { title: 'Accueil' };

const sectionTitle = 'mb-3 text-lg font-semibold';
const card = 'rounded-lg border border-slate-200 bg-white p-4';

export default async function AccueilPage() {
  const guardian = await requireGuardian();
  const db = await getDb();
  const clock = appClock();
  const [overview, news, periods, week] = await Promise.all([
    familyOverview(db, guardian.familyId),
    visibleNewsItems(db, clock),
    announcedBookingPeriods(db, clock),
    menusOfTheWeek(db, clock),
  ]);
  if (!overview) notFound();
  const today = parisToday(clock);

  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">Bonjour {guardian.firstName}</h1>

      {news.length > 0 && (
        <section aria-labelledby="actualites">
          <h2 id="actualites" className={sectionTitle}>Actualités</h2>
          <ul className="space-y-3">
            {news.map((item) => (
              <li key={item.id} className={card}>
                <h3 className="font-semibold">{item.title}</h3>
                <p className="mt-1 whitespace-pre-line">{item.body}</p>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="reservations">
        <h2 id="reservations" className={sectionTitle}>Date d’ouverture des réservations</h2>
        {periods.length === 0 ? (
          <p>Aucune période de réservation n’est annoncée pour le moment.</p>
        ) : (
          <ul className="space-y-3">
            {periods.map((period) => (
              <li key={period.id} className={card}>
                <h3 className="font-semibold">{period.label}</h3>
                <p className="text-sm text-slate-700">
                  Du {formatDate(period.startsOn)} au {formatDate(period.endsOn)}
                </p>
                <p className="mt-1">
                  {period.isOpen ? (
                    <>
                      <span className="font-semibold text-green-800">Réservations ouvertes</span> jusqu’au {formatDateTime(period.closesAt)}
                    </>
                  ) : (
                    <>
                      <span className="font-semibold">Ouverture des réservations</span> le {formatDateTime(period.opensAt)}
                    </>
                  )}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="menus">
        <h2 id="menus" className={sectionTitle}>
          Menus de la semaine du {formatDate(week.from)} au {formatDate(week.to)}
        </h2>
        {week.menus.length === 0 ? (
          <p>Les menus de cette semaine ne sont pas encore publiés.</p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {week.menus.map((menu) => (
              <li key={menu.id} className={card}>
                <h3 className="font-semibold">{formatLongDateTitle(menu.date)}</h3>
                <ul className="mt-1 text-sm">
                  {[menu.starter, menu.mainCourse, menu.side, menu.dessert].filter(Boolean).map((dish) => (
                    <li key={dish}>{dish}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="enfants">
        <h2 id="enfants" className={sectionTitle}>Vos enfants</h2>
        {overview.children.length === 0 ? (
          <p>Aucun enfant n’est inscrit sur votre compte. Adressez-vous à la mairie.</p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2">
            {overview.children.map((child) => (
              <li key={child.id} className={card}>
                <p className="font-semibold">
                  {child.lastName} {child.firstName}
                </p>
                <p className="text-sm text-slate-700">
                  Né(e) le {formatDate(child.birthDate)} · {ageOn(child.birthDate, today)} ans
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="porte-monnaie">
        <h2 id="porte-monnaie" className={sectionTitle}>Vos porte-monnaie</h2>
        <WalletBalancesTable wallets={overview.wallets} />
      </section>
    </div>
  );
}
