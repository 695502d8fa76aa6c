import { Amount } from './money';

/** The guide's "TOTAL (€)" line closing a history table. */
export function TotalRow({ columns, totalCents, cellClassName }: { columns: number; totalCents: number; cellClassName: string }) {
  return (
    <tfoot role="rowgroup">
      <tr role="row" className="border-t-2 border-slate-400 bg-slate-50 font-bold">
        <th scope="row" role="rowheader" colSpan={columns - 1} className={`${cellClassName} text-left`}>
          TOTAL (€)
        </th>
        <td role="cell" className={`${cellClassName} text-right`}>
          <Amount cents={totalCents} />
        </td>
      </tr>
    </tfoot>
  );
}
