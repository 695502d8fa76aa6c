import { AppHeader } from '@/components/app-header';
import { staffGroupsFor } from '@/components/portal-tabs';
import { requireStaff } from '@/lib/auth/session';

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  // Every page checks again, and sends a staff member who must enrol a second factor to do so.
  const staff = await requireStaff({ enrolling: true });
  return (
    <>
      <AppHeader
        title="Compte Famille · Mairie"
        personName={`${staff.lastName} ${staff.firstName} (${staff.role === 'admin' ? 'administrateur' : 'agent'})`}
        groups={staffGroupsFor(staff.role)}
        navLabel="Espace mairie"
      />
      <main id="contenu" className="mx-auto max-w-5xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
