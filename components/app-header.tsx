import { LogoutButton } from './logout-button';
import type { StaffGroup } from './portal-tabs';
import { StaffNav } from './staff-nav';
import { TabNav, type Tab } from './tab-nav';

/** A family's tabs, or the staff area's groups of pages. */
export function AppHeader({
  title,
  personName,
  navLabel,
  ...nav
}: { title: string; personName: string; navLabel: string } & ({ tabs: Tab[] } | { groups: StaffGroup[] })) {
  return (
    <header className="no-print bg-brand-800 text-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 pt-3">
        <p className="text-lg font-bold">{title}</p>
        <div className="no-print flex items-center gap-3">
          <LogoutButton />
          <p className="text-sm font-medium">{personName}</p>
        </div>
      </div>
      <div className="mx-auto mt-3 max-w-5xl px-4">
        {'groups' in nav ? <StaffNav groups={nav.groups} label={navLabel} /> : <TabNav tabs={nav.tabs} label={navLabel} />}
      </div>
    </header>
  );
}
