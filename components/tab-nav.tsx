'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export interface Tab {
  href: string;
  label: string;
}

export function TabNav({ tabs, label }: { tabs: Tab[]; label: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="no-print">
      <ul className="flex flex-wrap gap-1">
        {tabs.map((tab) => {
          const current = pathname === tab.href || (tab.href !== '/admin' && pathname.startsWith(`${tab.href}/`));
          return (
            <li key={tab.href}>
              <Link
                href={tab.href}
                // No background prefetch: every request through the proxy re-issues the session
                // cookie, and one still in flight when "Se déconnecter" answers would log the
                // person back in.
                prefetch={false}
                aria-current={current ? 'page' : undefined}
                className={`block rounded-t-md px-3 py-2 text-sm font-medium ${
                  current ? 'bg-white text-brand-800 underline decoration-2 underline-offset-4' : 'text-white hover:bg-brand-700'
                }`}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
