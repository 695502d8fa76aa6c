import { and, asc, between, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { activities, children, consumptions, payments } from '@/db/schema';
import type { IsoDate } from '@/lib/clock';
import { firstDayOf, lastDayOf, type YearMonth } from '@/lib/calendar/months';
import { sumCents } from '@/lib/money';
import type { PaymentMode } from '@/lib/payments/modes';
import { paymentReversed } from '@/lib/payments/staff-payments';
import { historyTotal, paymentWindow } from './rules';

export interface ConsumptionLine {
  id: number;
  date: IsoDate;
  /** "DUPONT Liou": last name, then first name. */
  consumer: string;
  activity: string;
  unitPriceCents: number;
  quantity: number;
  totalCents: number;
}

/** A family's consumptions of one month (Paris calendar dates), by date then consumer, and their total. */
export async function consumptionHistory(db: Db, familyId: number, month: YearMonth) {
  const rows = await db
    .select({
      id: consumptions.id,
      date: consumptions.date,
      lastName: children.lastName,
      firstName: children.firstName,
      activity: activities.name,
      unitPriceCents: consumptions.unitPriceCents,
      quantity: consumptions.quantity,
      totalCents: consumptions.totalCents,
    })
    .from(consumptions)
    .innerJoin(children, eq(children.id, consumptions.childId))
    .innerJoin(activities, eq(activities.id, consumptions.activityId))
    .where(and(eq(consumptions.familyId, familyId), between(consumptions.date, firstDayOf(month), lastDayOf(month))))
    .orderBy(
      asc(consumptions.date),
      asc(children.lastName),
      asc(children.firstName),
      asc(activities.name),
      asc(consumptions.id),
    );
  const lines: ConsumptionLine[] = rows.map(({ lastName, firstName, ...row }) => ({
    ...row,
    consumer: `${lastName} ${firstName}`,
  }));
  return { lines, totalCents: historyTotal(lines) };
}

export interface PaymentLine {
  id: number;
  receivedOn: IsoDate;
  mode: PaymentMode;
  pieceNumber: string | null;
  payerName: string;
  bankName: string | null;
  amountCents: number;
  /** Cancelled by staff (a bounced cheque): shown « Annulé », so the parent sees why the balance fell, and left out of the total. */
  cancelled: boolean;
}

/**
 * The payments a family's history shows for a month: those received (status paid) in that
 * month and the month before it, oldest first, and the total of those not cancelled.
 */
export async function paymentHistory(db: Db, familyId: number, month: YearMonth) {
  const { from, to, months } = paymentWindow(month);
  const rows = await db
    .select({
      id: payments.id,
      receivedOn: payments.receivedOn,
      mode: payments.mode,
      pieceNumber: payments.pieceNumber,
      reference: payments.reference,
      payerName: payments.payerName,
      bankName: payments.bankName,
      amountCents: payments.amountCents,
      cancelled: paymentReversed,
    })
    .from(payments)
    .where(and(eq(payments.familyId, familyId), eq(payments.status, 'paid'), between(payments.receivedOn, from, to)))
    .orderBy(asc(payments.receivedOn), asc(payments.id));
  // A paid payment always has its date (a database check); the filter only narrows the type.
  // A card payment has no piece number: its reference is what the parent and the town quote.
  const lines: PaymentLine[] = rows.flatMap(({ reference, ...row }) =>
    row.receivedOn ? [{ ...row, receivedOn: row.receivedOn, pieceNumber: row.pieceNumber ?? reference }] : [],
  );
  return { lines, months, totalCents: sumCents(lines.flatMap((line) => (line.cancelled ? [] : [line.amountCents]))) };
}
