import { formatEuros } from '@/lib/money';

/** An amount in euros; negative amounts are marked in words as well as in colour. */
export function Euros({ cents, className = '' }: { cents: number; className?: string }) {
  return <span className={`tabular-nums whitespace-nowrap ${cents < 0 ? 'text-red-800' : ''} ${className}`}>{formatEuros(cents)}</span>;
}
