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

export const staffTabs: Tab[] = [
  { href: '/admin', label: 'Tableau de bord' },
  { href: '/admin/familles', label: 'Familles' },
  { href: '/admin/activites', label: 'Activités' },
  { href: '/admin/reservations', label: 'Réservations' },
  { href: '/admin/reglements', label: 'Règlements' },
  { href: '/admin/actualites', label: 'Actualités' },
  { href: '/admin/emails', label: 'E-mails' },
  { href: '/admin/profil', label: 'Profil' },
];
