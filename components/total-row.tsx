import { Amount } from './money';

/** The guide's "TOTAL (€)" line closing a history table. */
export function TotalRow({ columns, totalCents, cellClassName }: { columns: number; totalCents: number; cellClassName: string }) {
  return (
    <tfoot>
      <tr className="border-t-2 border-slate-400 bg-slate-50 font-bold">
        <th scope="row" colSpan={columns - 1} className={`${cellClassName} text-left`}>
          TOTAL (€)
        </th>
        <td className={`${cellClassName} text-right`}>
          <Amount cents={totalCents} />
        </td>
      </tr>
    </tfoot>
  );
}
