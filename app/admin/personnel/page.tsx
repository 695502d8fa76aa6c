import type { Metadata } from 'next';
import { getDb } from '@/db';
import { requireStaff } from '@/lib/auth/session';
import { listStaff, staffRoleLabel } from '@/lib/staff/accounts';
import { CreateStaffForm, StaffRowActions } from './staff-forms';

export const metadata: Metadata = { title: 'Personnel' };

export default async function StaffPage() {
  const admin = await requireStaff({ role: 'admin' });
  const staff = await listStaff(await getDb());
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Personnel</h1>
      <p className="text-sm text-slate-700">
        Les agents font le travail de tous les jours ; les administrateurs aussi la configuration (activités, périodes, tarifs) et les comptes du personnel. Un
        nouveau compte reçoit un lien d’activation à usage unique pour choisir son mot de passe.
      </p>
      <CreateStaffForm />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">Comptes du personnel</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">Nom</th>
              <th scope="col" className="px-3 py-2">Identifiant</th>
              <th scope="col" className="px-3 py-2">Rôle</th>
              <th scope="col" className="px-3 py-2">État</th>
              <th scope="col" className="px-3 py-2">Deux étapes</th>
              <th scope="col" className="px-3 py-2">Actions</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((member) => {
              const name = `${member.lastName} ${member.firstName}`;
              return (
                <tr key={member.id} className="border-t border-slate-200 align-top">
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    {name}
                    {member.email && <span className="block text-xs font-normal text-slate-700">{member.email}</span>}
                  </th>
                  <td className="px-3 py-2">{member.login}</td>
                  <td className="px-3 py-2">{staffRoleLabel[member.role as 'agent' | 'admin']}</td>
                  <td className="px-3 py-2">{member.active ? 'Actif' : '⊘ Désactivé'}</td>
                  <td className="px-3 py-2">{member.secondFactor ? 'Configurée' : 'Non configurée'}</td>
                  <td className="px-3 py-2">
                    {member.id === admin.id ? (
                      <span className="text-slate-700">Votre compte</span>
                    ) : (
                      <StaffRowActions userId={member.id} name={name} active={member.active} secondFactor={member.secondFactor} />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
