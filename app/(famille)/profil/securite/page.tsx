import type { Metadata } from 'next';
import Link from 'next/link';
import { SecuritySettings } from '@/components/second-factor/security-settings';
import { getDb } from '@/db';
import { requireGuardian } from '@/lib/auth/session';
import { secondFactorStatus } from '@/lib/second-factor/enrolment';
import {
  confirmFamilyEnrolmentAction,
  disableFamilySecondFactorAction,
  regenerateFamilyRecoveryCodesAction,
  startFamilyEnrolmentAction,
} from './actions';

export const metadata: Metadata = { title: 'Vérification en deux étapes' };

export default async function FamilySecurityPage() {
  const guardian = await requireGuardian();
  const status = await secondFactorStatus(await getDb(), guardian.id);
  return (
    <div className="space-y-6">
      <p>
        <Link href="/profil" className="text-brand-800 underline">
          ← Retour au profil
        </Link>
      </p>
      <SecuritySettings
        status={status}
        required={false}
        doneHref="/profil/securite"
        actions={{
          start: startFamilyEnrolmentAction,
          confirm: confirmFamilyEnrolmentAction,
          regenerate: regenerateFamilyRecoveryCodesAction,
          disable: disableFamilySecondFactorAction,
        }}
      />
    </div>
  );
}
