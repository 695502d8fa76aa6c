import type { Tab } from './tab-nav';

// The guide's tabs; a tab appears once its page exists.
export const familyTabs: Tab[] = [
  { href: '/accueil', label: 'Accueil' },
  { href: '/historiques', label: 'Historiques' },
  { href: '/soldes', label: 'Soldes et paiements' },
  { href: '/reservations', label: 'Réservations' },
  { href: '/suivi', label: 'Suivi' },
  { href: '/profil', label: 'Profil' },
];

export interface StaffLink extends Tab {
  /** Shown to admins only (the page answers an agent 404). */
  adminOnly?: boolean;
}
export interface StaffGroup {
  label: string;
  links: StaffLink[];
}

// The staff area's pages by theme; one line per page, in its group. A group without a page is not shown.
export const staffGroups: StaffGroup[] = [
  { label: 'Accueil', links: [{ href: '/admin', label: 'Tableau de bord' }] },
  { label: 'Familles', links: [{ href: '/admin/familles', label: 'Familles' }] },
  {
    label: 'Activités et réservations',
    links: [
      { href: '/admin/activites', label: 'Activités' },
      { href: '/admin/reservations', label: 'Réservations' },
    ],
  },
  {
    label: 'Règlements',
    links: [
      { href: '/admin/reglements', label: 'Règlements' },
      { href: '/admin/exports', label: 'Exports CSV' },
    ],
  },
  {
    label: 'Communication',
    links: [
      { href: '/admin/actualites', label: 'Actualités et menus' },
      { href: '/admin/emails', label: 'E-mails' },
    ],
  },
  {
    label: 'Administration',
    links: [
      { href: '/admin/taches', label: 'Tâches planifiées' },
      { href: '/admin/journal', label: 'Journal' },
      { href: '/admin/personnel', label: 'Personnel', adminOnly: true },
      { href: '/admin/profil', label: 'Profil' },
    ],
  },
];

/** The groups and links this staff member may open. */
export function staffGroupsFor(role: 'agent' | 'admin'): StaffGroup[] {
  return staffGroups
    .map((group) => ({ ...group, links: group.links.filter((link) => role === 'admin' || !link.adminOnly) }))
    .filter((group) => group.links.length > 0);
}
