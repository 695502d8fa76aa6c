import type { ReactNode } from 'react';

export type Column = string | { label: ReactNode; key: string; numeric?: boolean };

/**
 * A table's column headings; numeric columns are right-aligned like their amounts. Their roles
 * are explicit for the tables a phone shows stacked (see `.stacked-table` in app/globals.css).
 */
export function TableHead({ columns, cellClassName }: { columns: Column[]; cellClassName: string }) {
  return (
    <thead role="rowgroup" className="bg-slate-100 text-left">
      <tr role="row">
        {columns.map((column) =>
          typeof column === 'string' ? (
            <th key={column} scope="col" role="columnheader" className={cellClassName}>
              {column}
            </th>
          ) : (
            <th key={column.key} scope="col" role="columnheader" className={column.numeric ? `${cellClassName} text-right` : cellClassName}>
              {column.label}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}
