import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getDb } from '@/db';
import { bookingPeriodFormValues, findBookingPeriod } from '@/lib/activities/booking-periods';
import { requireStaff } from '@/lib/auth/session';
import { queryId } from '@/lib/query-params';
import { updateBookingPeriodAction } from '../../actions';
import { BookingPeriodForm } from '../../booking-period-form';

export const metadata: Metadata = { title: 'Période de réservation' };

export default async function BookingPeriodPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requireStaff();
  if (staff.role !== 'admin') redirect('/admin/activites');
  const id = queryId((await params).id);
  const period = id === null ? null : await findBookingPeriod(await getDb(), id);
  if (!period) notFound();
  return (
    <div className="space-y-4">
      <p>
        <Link href="/admin/activites" className="text-brand-800 underline">
          Retour aux activités
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{period.label}</h1>
      <BookingPeriodForm
        action={updateBookingPeriodAction}
        defaults={bookingPeriodFormValues(period)}
        bookingPeriodId={period.id}
        title="Modifier la période de réservation"
        submitLabel="Enregistrer"
      />
    </div>
  );
}
