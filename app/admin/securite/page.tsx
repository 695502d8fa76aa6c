import type { Metadata } from 'next';
import { SecuritySettings } from '@/components/second-factor/security-settings';
import { getDb } from '@/db';
import { requireStaff } from '@/lib/auth/session';
import { secondFactorStatus } from '@/lib/second-factor/enrolment';
import { secondFactorRequired } from '@/lib/second-factor/policy';
import { confirmStaffEnrolmentAction, regenerateStaffRecoveryCodesAction, startStaffEnrolmentAction } from './actions';

export const metadata: Metadata = { title: 'Vérification en deux étapes' };

export default async function StaffSecurityPage() {
  const staff = await requireStaff({ enrolling: true });
  const status = await secondFactorStatus(await getDb(), staff.id);
  return (
    <SecuritySettings
      status={status}
      required={secondFactorRequired(staff.role)}
      doneHref="/admin/securite"
      actions={{ start: startStaffEnrolmentAction, confirm: confirmStaffEnrolmentAction, regenerate: regenerateStaffRecoveryCodesAction }}
    />
  );
}
