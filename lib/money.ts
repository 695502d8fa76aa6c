// Money is integer cents end to end; only display (lib/format.ts) turns it into euros.

export function multiplyCents(unitCents: number, quantity: number): number {
  if (!Number.isInteger(unitCents) || !Number.isInteger(quantity)) {
    throw new RangeError('Amounts are integer cents and quantities whole numbers.');
  }
  return unitCents * quantity;
}

export function sumCents(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/** Parses a French amount typed by a person ("12,5", "12.50 €") into cents, or null. */
export function parseEurosToCents(input: string): number | null {
  const cleaned = input.replace(/[\s\u202f\u00a0€]/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole, fraction = ''] = cleaned.replace('-', '').split('.') as [string, string?];
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return cleaned.startsWith('-') ? -cents : cents;
}
