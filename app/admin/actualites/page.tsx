import type { Metadata } from 'next';
import { getDb } from '@/db';
import { requireStaff } from '@/lib/auth/session';
import { appClock, parisToday } from '@/lib/clock';
import { formatDate, formatDateWithWeekday } from '@/lib/format';
import { menuWeek, upcomingMenus } from '@/lib/menus/week-menus';
import { listNewsItems } from '@/lib/news/news-items';
import { MenuForm } from './menu-form';
import { NewsForm } from './news-form';

export const metadata: Metadata = { title: 'Actualités et menus' };

export default async function NewsPage() {
  await requireStaff();
  const db = await getDb();
  const clock = appClock();
  const [items, menus] = await Promise.all([listNewsItems(db), upcomingMenus(db, clock)]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Actualités et menus</h1>
      <NewsForm today={parisToday(clock)} />
      <section aria-labelledby="publiees">
        <h2 id="publiees" className="mb-2 text-lg font-semibold">Actualités publiées</h2>
        {items.length === 0 ? (
          <p>Aucune actualité.</p>
        ) : (
          <ul className="space-y-2">
            {items.map((item) => (
              <li key={item.id} className="rounded-lg border border-slate-200 bg-white p-4">
                <p className="font-semibold">{item.title}</p>
                <p className="text-sm text-slate-700">
                  Visible du {formatDate(item.visibleFrom)}
                  {item.visibleUntil ? ` au ${formatDate(item.visibleUntil)}` : ''}
                </p>
                <p className="mt-1 whitespace-pre-line">{item.body}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <h2 className="text-xl font-bold">Menus de la restauration</h2>
      <MenuForm defaultDate={menuWeek(parisToday(clock)).from} />
      <section aria-labelledby="menus-a-venir">
        <h3 id="menus-a-venir" className="mb-2 text-lg font-semibold">Menus saisis, à partir de cette semaine</h3>
        {menus.length === 0 ? (
          <p>Aucun menu saisi.</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-sm">
              <thead className="bg-slate-100 text-left">
                <tr>
                  <th scope="col" className="px-3 py-2">Jour</th>
                  <th scope="col" className="px-3 py-2">Entrée</th>
                  <th scope="col" className="px-3 py-2">Plat</th>
                  <th scope="col" className="px-3 py-2">Accompagnement</th>
                  <th scope="col" className="px-3 py-2">Dessert</th>
                </tr>
              </thead>
              <tbody>
                {menus.map((menu) => (
                  <tr key={menu.id} className="border-t border-slate-200">
                    <th scope="row" className="px-3 py-2 text-left font-medium whitespace-nowrap">{formatDateWithWeekday(menu.date)}</th>
                    <td className="px-3 py-2">{menu.starter ?? '—'}</td>
                    <td className="px-3 py-2">{menu.mainCourse}</td>
                    <td className="px-3 py-2">{menu.side ?? '—'}</td>
                    <td className="px-3 py-2">{menu.dessert ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
