import { formatAmount, formatEuros } from '@/lib/format';

/** An amount in euros; negative amounts are marked in words as well as in colour. */
export function Euros({ cents, className = '' }: { cents: number; className?: string }) {
  return <span className={`tabular-nums whitespace-nowrap ${cents < 0 ? 'text-red-800' : ''} ${className}`}>{formatEuros(cents)}</span>;
}

/**
 * An amount for a column whose heading says (€): "10,35". A negative one keeps its minus sign
 * and, with `owedNote`, says "à régulariser" in words, colour being only a second signal.
 */
export function Amount({ cents, owedNote = false }: { cents: number; owedNote?: boolean }) {
  const negative = cents < 0;
  return (
    <>
      <span className={`tabular-nums whitespace-nowrap ${negative ? 'text-red-800' : ''}`}>{formatAmount(cents)}</span>
      {negative && owedNote && <span className="block text-xs text-red-800">à régulariser</span>}
    </>
  );
}
