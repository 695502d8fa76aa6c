import type { Db } from '../../db/client';
import * as t from '../../db/schema';
import { addDays, parisInstant } from '../../lib/clock';
import { formatLongDate } from '../../lib/format';
import type { DemoCalendar } from './calendar';

// What Accueil shows: the town's news about the open and the future periods, and this
// fortnight's school restaurant menus.

const MENUS: Array<Omit<typeof t.menus.$inferInsert, 'date'>> = [
  { starter: 'Carottes râpées vinaigrette', mainCourse: 'Sauté de dinde au curry', side: 'Riz pilaf', dessert: 'Yaourt aux fruits' },
  { starter: 'Salade de tomates', mainCourse: 'Hachis parmentier', side: 'Salade verte', dessert: 'Compote de pommes' },
  { starter: 'Potage de légumes', mainCourse: 'Filet de colin sauce citron', side: 'Haricots verts', dessert: 'Fromage blanc au coulis de fruits rouges' },
  { starter: 'Taboulé', mainCourse: 'Poulet rôti', side: 'Petits pois carottes', dessert: 'Fruit de saison' },
  { starter: 'Concombres à la crème', mainCourse: 'Lasagnes à la bolognaise', side: 'Salade verte', dessert: 'Mousse au chocolat' },
  { starter: 'Betteraves vinaigrette', mainCourse: 'Bœuf bourguignon', side: 'Pommes vapeur', dessert: 'Clémentines' },
  { starter: 'Céleri rémoulade', mainCourse: 'Omelette aux fines herbes', side: 'Ratatouille', dessert: 'Gâteau au yaourt' },
  { starter: 'Pamplemousse', mainCourse: 'Rôti de porc (ou de volaille) au jus', side: 'Purée de potiron', dessert: 'Camembert et poire' },
  { starter: 'Salade de lentilles', mainCourse: 'Poisson pané et citron', side: 'Épinards à la crème', dessert: 'Flan à la vanille' },
  { starter: 'Œuf dur mayonnaise', mainCourse: 'Spaghetti bolognaise', side: 'Emmental râpé', dessert: 'Fruit de saison' },
];

export async function insertNews(db: Db, calendar: DemoCalendar, adminId: number): Promise<number> {
  const { today, open, future } = calendar;
  const daysAgo = (days: number) => addDays(today, -days);
  const rows = await db
    .insert(t.newsItems)
    .values([
      {
        title: 'Réservations des mercredis et des vacances',
        body:
          `Les réservations de la période « Mercredis et vacances » (du ${formatLongDate(open.dates[0]!)} au ` +
          `${formatLongDate(open.dates.at(-1)!)}) sont ouvertes depuis le ${formatLongDate(daysAgo(7))}. ` +
          'Vos demandes sont transmises chaque nuit : un compte-rendu vous est envoyé par mail le lendemain. ' +
          'Pensez à annuler au plus tôt les journées dont vous n’avez plus besoin.',
        visibleFrom: daysAgo(7),
        visibleUntil: open.dates.at(-1)!,
        createdBy: adminId,
        createdAt: parisInstant(daysAgo(7), '08:00'),
      },
      {
        title: `${future.label} : ouverture des réservations`,
        body:
          `Les réservations des centres de loisirs pour les ${future.label.toLowerCase()} ` +
          `(du ${formatLongDate(future.dates[0]!)} au ${formatLongDate(future.dates.at(-1)!)}) ouvriront le ` +
          `${formatLongDate(future.opensOn)} à 8 h.`,
        visibleFrom: daysAgo(3),
        visibleUntil: future.dates[0]!,
        createdBy: adminId,
        createdAt: parisInstant(daysAgo(3), '09:00'),
      },
      {
        title: 'Menus de la restauration scolaire',
        body:
          'Retrouvez chaque semaine sur cette page les menus de la restauration scolaire. Les repas sont ' +
          'préparés par la cuisine centrale avec des produits locaux et de saison.',
        visibleFrom: daysAgo(5),
        visibleUntil: null,
        createdBy: adminId,
        createdAt: parisInstant(daysAgo(5), '09:00'),
      },
    ])
    .returning({ id: t.newsItems.id });
  return rows.length;
}

export async function insertMenus(db: Db, calendar: DemoCalendar): Promise<number> {
  const rows = await db
    .insert(t.menus)
    .values(calendar.menuDays.map((date, i) => ({ date, ...MENUS[i % MENUS.length]! })))
    .returning({ id: t.menus.id });
  return rows.length;
}
