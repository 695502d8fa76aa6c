import Link from 'next/link';

// What a French public portal shows on every page (RGAA, LCEN, RGPD).
export const legalPages = [
  { href: '/accessibilite', label: 'Accessibilité : partiellement conforme' },
  { href: '/mentions-legales', label: 'Mentions légales' },
  { href: '/donnees-personnelles', label: 'Données personnelles' },
];

export function SiteFooter({ townName }: { townName: string }) {
  return (
    <footer className="no-print border-t border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-4 text-sm text-slate-700">
        <p>Compte Famille · {townName}</p>
        <nav aria-label="Informations légales">
          <ul className="flex flex-wrap gap-x-4 gap-y-2">
            {legalPages.map((page) => (
              <li key={page.href}>
                <Link href={page.href} className="text-brand-800 underline">
                  {page.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </footer>
  );
}
