import type { WalletBalance } from '@/lib/wallets/balances';
import { Euros } from './money';

/** Each wallet and its balance; a debt says so in words, not only in red. */
export function WalletBalancesTable({ wallets }: { wallets: WalletBalance[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-sm">
        <thead className="bg-slate-100 text-left">
          <tr>
            <th scope="col" className="px-3 py-2">Porte-monnaie</th>
            <th scope="col" className="px-3 py-2 text-right">Solde</th>
          </tr>
        </thead>
        <tbody>
          {wallets.map((wallet) => (
            <tr key={wallet.walletId} className="border-t border-slate-200">
              <th scope="row" className="px-3 py-2 text-left font-medium">{wallet.walletType}</th>
              <td className="px-3 py-2 text-right">
                <Euros cents={wallet.balanceCents} />
                {wallet.balanceCents < 0 && <span className="block text-xs text-red-800">à régulariser</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
