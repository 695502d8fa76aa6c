'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { StaffGroup } from './portal-tabs';

/**
 * The staff area's navigation: every page in sight, grouped by theme, no menu to open. Wraps into
 * rows on a tablet; each link is a large enough target for a finger.
 */
export function StaffNav({ groups, label }: { groups: StaffGroup[]; label: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="no-print pb-3">
      <ul className="flex flex-wrap gap-x-6 gap-y-2">
        {groups.map((group, index) => (
          <li key={group.label}>
            <p id={`menu-groupe-${index}`} className="text-xs font-semibold tracking-wide text-brand-100 uppercase">
              {group.label}
            </p>
            <ul aria-labelledby={`menu-groupe-${index}`} className="mt-1 flex flex-wrap gap-1">
              {group.links.map((link) => {
                const current = pathname === link.href || (link.href !== '/admin' && pathname.startsWith(`${link.href}/`));
                return (
                  <li key={link.href}>
                    <Link
                      href={link.href}
                      // No background prefetch: see TabNav.
                      prefetch={false}
                      aria-current={current ? 'page' : undefined}
                      className={`block min-h-11 rounded-md px-3 py-2.5 text-sm font-medium ${
                        current ? 'bg-white text-brand-800 underline decoration-2 underline-offset-4' : 'text-white hover:bg-brand-700'
                      }`}
                    >
                      {link.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
    </nav>
  );
}
