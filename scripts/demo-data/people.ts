import type { Db } from '../../db/client';
import * as t from '../../db/schema';
import { hashPassword } from '../../lib/auth/password';
import { addDays, type IsoDate } from '../../lib/clock';
import { monthsAway, type DemoCalendar } from './calendar';
import type { DemoRandom } from './random';

// The guide's DUPONT family and forty others, their guardians, the town's two staff members, and
// the children: DUPONT's are the guide's; the others alternate 3-5 and 6-11 year-olds so that both
// age groups are well filled (1 to 3 children a family: 79 children, 40 of them 3-5).

export const DEMO_FAMILY_PASSWORD = 'compte-famille-demo';
export const DEMO_ADMIN_PASSWORD = 'compte-famille-admin';
export const DEMO_AGENT_PASSWORD = 'compte-famille-agent';

const SURNAMES = [
  'LEFEBVRE', 'MOREAU', 'LAURENT', 'SIMON', 'MICHEL', 'GARCIA', 'DAVID', 'BERTRAND',
  'ROUX', 'VINCENT', 'FOURNIER', 'MOREL', 'GIRARD', 'ANDRÉ', 'MERCIER', 'BLANC',
  'GUÉRIN', 'BOYER', 'GARNIER', 'CHEVALIER', 'FRANÇOIS', 'LEGRAND', 'GAUTHIER', 'PERRIN',
  'ROBIN', 'CLÉMENT', 'MORIN', 'NICOLAS', 'HENRY', 'ROUSSEL', 'MATHIEU', 'LE GALL',
  'MASSON', 'MARCHAND', 'DUVAL', 'DENIS', 'LEMAIRE', 'FAURE', 'ROUSSEAU', 'LAMBERT',
];

const GUARDIAN_FIRST_NAMES = [
  'Isabelle', 'Nicolas', 'Sandrine', 'Stéphane', 'Nathalie', 'Christophe', 'Céline', 'Sébastien',
  'Aurélie', 'Julien', 'Émilie', 'Frédéric', 'Caroline', 'Laurent', 'Virginie', 'Olivier',
  'Delphine', 'Thomas', 'Marion', 'Guillaume', 'Sophie', 'Mathieu', 'Élodie', 'Jérôme',
];

const CHILD_FIRST_NAMES = [
  'Léa', 'Hugo', 'Chloé', 'Lucas', 'Emma', 'Louis', 'Manon', 'Gabriel', 'Jade', 'Arthur',
  'Inès', 'Jules', 'Louise', 'Raphaël', 'Camille', 'Adam', 'Zoé', 'Nathan', 'Alice', 'Paul',
  'Lina', 'Tom', 'Rose', 'Noah', 'Mila', 'Sacha', 'Anna', 'Léo', 'Juliette', 'Ethan',
  'Romane', 'Maël', 'Eva', 'Timéo', 'Clara', 'Nino', 'Lou', 'Victor', 'Ambre', 'Mathis',
];

const STREETS = [
  'allée des Pins', 'chemin de Jarry', 'rue du Stade', 'route de Toctoucau', 'allée des Chênes',
  'rue des Écoles', 'avenue de Verdun', 'chemin de la Pinède', 'rue des Bruyères', 'allée des Arbousiers',
  'avenue du Baron Haussmann', 'chemin de Choisy', 'rue de Gazinet', 'allée des Mimosas',
];

export type Family = typeof t.families.$inferSelect;
export type User = typeof t.users.$inferSelect;

export interface DemoPasswordHashes {
  family: string;
  admin: string;
  agent: string;
}

/** Each distinct password is hashed once (argon2 is slow by design). */
export async function hashDemoPasswords(): Promise<DemoPasswordHashes> {
  const [family, admin, agent] = await Promise.all([
    hashPassword(DEMO_FAMILY_PASSWORD),
    hashPassword(DEMO_ADMIN_PASSWORD),
    hashPassword(DEMO_AGENT_PASSWORD),
  ]);
  return { family, admin, agent };
}

export interface DemoChild {
  id: number;
  familyId: number;
  guardianId: number;
  birthDate: IsoDate;
  /** The ALSH activity the family usually books, and how often. */
  habit: string;
  assiduity: number;
}

export interface DemoPeople {
  families: Family[];
  dupont: Family;
  otherFamilies: Family[];
  /** Each family's one guardian, its payer. */
  guardianOf: Map<number, User>;
  guardianCount: number;
  staffCount: number;
  admin: User;
  agent: User;
  children: DemoChild[];
  liou: DemoChild;
  antoine: DemoChild;
  otherChildren: DemoChild[];
  /** A family's position among the other families. */
  familyIndex: Map<number, number>;
}

export async function insertPeople(
  db: Db,
  calendar: DemoCalendar,
  random: DemoRandom,
  hashes: DemoPasswordHashes,
): Promise<DemoPeople> {
  const families = await insertFamilies(db, calendar, random);
  const [dupont, ...otherFamilies] = families;
  const users = await insertUsers(db, dupont!, otherFamilies, calendar, hashes);
  const guardianOf = new Map(users.filter((u) => u.familyId !== null).map((u) => [u.familyId!, u]));
  const children = await insertChildren(db, dupont!, otherFamilies, guardianOf, calendar, random);
  return {
    families,
    dupont: dupont!,
    otherFamilies,
    guardianOf,
    guardianCount: users.filter((u) => u.role === 'family').length,
    staffCount: users.filter((u) => u.role !== 'family').length,
    admin: users.find((u) => u.login === 'admin')!,
    agent: users.find((u) => u.login === 'agent')!,
    children,
    liou: children[0]!,
    antoine: children[1]!,
    otherChildren: children.slice(2),
    familyIndex: new Map(otherFamilies.map((family, i) => [family.id, i])),
  };
}

const slug = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** DUPONT first, then the others. */
function insertFamilies(db: Db, calendar: DemoCalendar, random: DemoRandom): Promise<Family[]> {
  const createdAt = calendar.accountsCreatedAt;
  return db
    .insert(t.families)
    .values([
      { identifier: 'dupont', name: 'DUPONT', address: '12 allée des Pins, 33610 Cestas', createdAt },
      ...SURNAMES.map((name, i) => ({
        identifier: slug(name),
        name,
        address: `${random.int(1, 48)} ${STREETS[i % STREETS.length]}, 33610 Cestas`,
        createdAt,
      })),
    ])
    .returning();
}

const pair = (n: number) => String(n % 100).padStart(2, '0');
const phone = (i: number) => `06 ${pair(12 + i * 7)} ${pair(i * 37)} ${pair(i * 53 + 11)} ${pair(i * 19 + 40)}`;

/** The town's admin and agent, then one guardian (the payer) for each family. */
function insertUsers(
  db: Db,
  dupont: Family,
  otherFamilies: Family[],
  calendar: DemoCalendar,
  hashes: DemoPasswordHashes,
): Promise<User[]> {
  const createdAt = calendar.accountsCreatedAt;
  return db
    .insert(t.users)
    .values([
      {
        role: 'admin' as const,
        familyId: null,
        login: 'admin',
        email: 'admin@mairie-cestas.example.fr',
        firstName: 'Claire',
        lastName: 'MARTIN',
        phone: '05 56 78 13 00',
        passwordHash: hashes.admin,
        createdAt,
      },
      {
        role: 'agent' as const,
        familyId: null,
        login: 'agent',
        email: 'agent@mairie-cestas.example.fr',
        firstName: 'Sophie',
        lastName: 'BERNARD',
        phone: '05 56 78 13 01',
        passwordHash: hashes.agent,
        createdAt,
      },
      {
        role: 'family' as const,
        familyId: dupont.id,
        login: 'dupont',
        email: 'jean-paul.dupont@example.fr',
        firstName: 'Jean-Paul',
        lastName: 'DUPONT',
        phone: '06 12 34 56 78',
        passwordHash: hashes.family,
        isPayer: true,
        createdAt,
      },
      ...otherFamilies.map((family, i) => ({
        role: 'family' as const,
        familyId: family.id,
        login: family.identifier,
        email: `${family.identifier}@example.fr`,
        firstName: GUARDIAN_FIRST_NAMES[i % GUARDIAN_FIRST_NAMES.length]!,
        lastName: family.name,
        phone: phone(i + 1),
        passwordHash: hashes.family,
        isPayer: true,
        createdAt,
      })),
    ])
    .returning();
}

interface ChildSpec {
  row: typeof t.children.$inferInsert;
  habit: string;
  assiduity: number;
}

async function insertChildren(
  db: Db,
  dupont: Family,
  otherFamilies: Family[],
  guardianOf: Map<number, User>,
  calendar: DemoCalendar,
  random: DemoRandom,
): Promise<DemoChild[]> {
  const bornMonthsAgo = (months: number, extraDays: number) => addDays(monthsAway(calendar.today, -months), -extraDays);
  const specs: ChildSpec[] = [
    {
      // 8 years and 3 months old today.
      row: { familyId: dupont.id, firstName: 'Liou', lastName: 'DUPONT', birthDate: bornMonthsAgo(99, 10) },
      habit: '',
      assiduity: 0,
    },
    {
      // 4 years and 5 months old today.
      row: { familyId: dupont.id, firstName: 'Antoine', lastName: 'DUPONT', birthDate: bornMonthsAgo(53, 12) },
      habit: '',
      assiduity: 0,
    },
  ];
  let childIndex = 0;
  otherFamilies.forEach((family, f) => {
    const count = 1 + (f % 3);
    for (let c = 0; c < count; c++, childIndex++) {
      const young = childIndex % 2 === 0;
      const months = young ? random.int(37, 70) : random.int(74, 137);
      specs.push({
        row: {
          familyId: family.id,
          firstName: CHILD_FIRST_NAMES[(f * 3 + c * 17) % CHILD_FIRST_NAMES.length]!,
          lastName: family.name,
          birthDate: bornMonthsAgo(months, random.int(0, 27)),
        },
        habit: young
          ? random.pick(['ALSH36-MATIN', 'ALSH36-APM', 'ALSH36-JOURNEE'])
          : random.pick(['ALSH612-MATIN', 'ALSH612-MATIN', 'ALSH612-JOURNEE']),
        assiduity: 0.25 + random.next() * 0.45,
      });
    }
  });
  const inserted = await db
    .insert(t.children)
    .values(specs.map((spec) => ({ ...spec.row, createdAt: calendar.accountsCreatedAt })))
    .returning();
  return inserted.map((child, i) => ({
    id: child.id,
    familyId: child.familyId,
    guardianId: guardianOf.get(child.familyId)!.id,
    birthDate: child.birthDate,
    habit: specs[i]!.habit,
    assiduity: specs[i]!.assiduity,
  }));
}
