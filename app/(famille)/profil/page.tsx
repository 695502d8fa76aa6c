import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CalendarFeedSettings } from '@/components/calendar-feed-settings';
import { Notice } from '@/components/notice';
import { ProfileDetails } from '@/components/profile-details';
import { getDb } from '@/db';
import { profileOf } from '@/lib/account/profile';
import { requireGuardian } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/format';
import { calendarFeedStatus } from '@/lib/reservations/calendar-feed';
import { hasSecondFactor } from '@/lib/second-factor/factor';
import { calendarFeedAction } from './actions';

export const metadata: Metadata = { title: 'Profil' };

const notices: Record<string, string> = {
  'mot-de-passe': 'Votre mot de passe a été modifié. Vos autres connexions ont été fermées.',
  'email-envoye':
    'Un message a été envoyé à votre nouvelle adresse. Votre adresse changera dès que vous aurez suivi le lien de confirmation qu’il contient ; si cette adresse sert déjà à un autre compte, ce message vous l’explique et rien ne change.',
};

export default async function ProfilPage({ searchParams }: { searchParams: Promise<{ modifie?: string | string[] }> }) {
  const guardian = await requireGuardian();
  const db = await getDb();
  const [profile, secondFactor, calendarFeed] = await Promise.all([
    profileOf(db, guardian.id),
    hasSecondFactor(db, guardian.id),
    calendarFeedStatus(db, guardian.id),
  ]);
  if (!profile) notFound();
  const { modifie } = await searchParams;
  const notice = typeof modifie === 'string' ? notices[modifie] : undefined;

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Profil</h1>
      {notice && <Notice tone="success">{notice}</Notice>}
      <ProfileDetails
        profile={profile}
        secondFactor={secondFactor}
        securityHref="/profil/securite"
        manageLabel="Gérer la vérification en deux étapes"
        showPhone
        className="max-w-xl"
      />
      {!profile.email && (
        <Notice tone="info">
          Renseignez votre adresse e-mail : elle sert à vous envoyer le compte-rendu de vos réservations, l’évolution de vos demandes
          en liste d’attente, et un lien si vous oubliez votre mot de passe.
        </Notice>
      )}
      <Link href="/profil/modifier" className="inline-block rounded-md bg-brand-800 px-4 py-2 font-semibold text-white hover:bg-brand-900">
        Modifier
      </Link>
      <CalendarFeedSettings since={calendarFeed.on ? formatDateTime(calendarFeed.since) : null} action={calendarFeedAction} />
    </div>
  );
}
