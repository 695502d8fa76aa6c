import type { Metadata } from 'next';
import { getDb } from '@/db';
import { requireStaff } from '@/lib/auth/session';
import { appClock, parisToday } from '@/lib/clock';
import { formatDate } from '@/lib/format';
import { listNewsItems } from '@/lib/news/news-items';
import { NewsForm } from './news-form';

export const metadata: Metadata = { title: 'Actualités' };

export default async function NewsPage() {
  await requireStaff();
  const items = await listNewsItems(await getDb());
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Actualités</h1>
      <NewsForm today={parisToday(appClock())} />
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
    </div>
  );
}
