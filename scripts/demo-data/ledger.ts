import type { Db } from '../../db/client';
import * as t from '../../db/schema';
import type { DemoCalendar } from './calendar';
import type { Consumption, PaymentWithAllocations } from './history';
import { inChunks } from './in-chunks';

// The town's three wallet types, a wallet of each type for every family, and the ledger: every
// wallet balance is the sum of its entries, one per consumption and one per payment allocation.

export const WALLET_TYPES = [
  { code: 'RESTAURATION', label: 'RESTAURATION', position: 1 },
  { code: 'PERISCOLAIRE', label: 'PERISCOLAIRE', position: 2 },
  { code: 'CDC PE2M - APS ET CLSH', label: 'CDC PE2M - APS ET CLSH', position: 3 },
] as const;
export type WalletCode = (typeof WALLET_TYPES)[number]['code'];
/** The ALSH wallet. */
export const CDC: WalletCode = 'CDC PE2M - APS ET CLSH';

export type WalletType = typeof t.walletTypes.$inferSelect;
export type Wallet = typeof t.wallets.$inferSelect;

export function insertWalletTypes(db: Db): Promise<WalletType[]> {
  return db.insert(t.walletTypes).values([...WALLET_TYPES]).returning();
}

export const walletTypeId = (walletTypes: WalletType[], code: WalletCode) =>
  walletTypes.find((w) => w.code === code)!.id;

export interface DemoWallets {
  rows: Wallet[];
  of(familyId: number, code: WalletCode): Wallet;
}

export async function insertWallets(
  db: Db,
  families: Array<{ id: number }>,
  walletTypes: WalletType[],
  calendar: DemoCalendar,
): Promise<DemoWallets> {
  const rows = await db
    .insert(t.wallets)
    .values(
      families.flatMap((family) =>
        walletTypes.map((type) => ({ familyId: family.id, walletTypeId: type.id, createdAt: calendar.accountsCreatedAt })),
      ),
    )
    .returning();
  return {
    rows,
    of: (familyId, code) => rows.find((w) => w.familyId === familyId && w.walletTypeId === walletTypeId(walletTypes, code))!,
  };
}

export async function insertWalletEntries(
  db: Db,
  consumptions: Consumption[],
  payments: PaymentWithAllocations,
  activityName: (activityId: number) => string,
  agentId: number,
): Promise<number> {
  const paymentById = new Map(payments.payments.map((p) => [p.id, p]));
  const entries = await inChunks(
    [
      ...consumptions.map((c) => ({
        walletId: c.walletId,
        kind: 'consumption' as const,
        amountCents: -c.totalCents,
        occurredOn: c.date,
        label: activityName(c.activityId),
        consumptionId: c.id,
        createdAt: c.createdAt,
      })),
      ...payments.allocations.map((allocation) => {
        const payment = paymentById.get(allocation.paymentId)!;
        return {
          walletId: allocation.walletId,
          kind: 'payment' as const,
          amountCents: allocation.amountCents,
          occurredOn: payment.receivedOn!,
          label: `Règlement ${payment.mode}${payment.pieceNumber ? ` ${payment.pieceNumber}` : ''}`,
          paymentAllocationId: allocation.id,
          createdBy: agentId,
          createdAt: payment.createdAt,
        };
      }),
    ],
    (chunk) => db.insert(t.walletEntries).values(chunk).returning({ id: t.walletEntries.id }),
  );
  return entries.length;
}
