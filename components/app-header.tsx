import { LogoutButton } from './logout-button';
import { TabNav, type Tab } from './tab-nav';

export function AppHeader({ title, personName, tabs, navLabel }: { title: string; personName: string; tabs: Tab[]; navLabel: string }) {
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
        <TabNav tabs={tabs} label={navLabel} />
      </div>
    </header>
  );
}
