import type { ReactNode } from 'react';

export type Column = string | { label: ReactNode; key: string; numeric?: boolean };

/** A table's column headings; numeric columns are right-aligned like their amounts. */
export function TableHead({ columns, cellClassName }: { columns: Column[]; cellClassName: string }) {
  return (
    <thead className="bg-slate-100 text-left">
      <tr>
        {columns.map((column) =>
          typeof column === 'string' ? (
            <th key={column} scope="col" className={cellClassName}>
              {column}
            </th>
          ) : (
            <th key={column.key} scope="col" className={column.numeric ? `${cellClassName} text-right` : cellClassName}>
              {column.label}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}
