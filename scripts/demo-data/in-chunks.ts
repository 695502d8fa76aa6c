/** Inserts many rows a few hundred at a time (a statement has at most 65,535 parameters). */
export async function inChunks<R, X>(rows: R[], insert: (chunk: R[]) => Promise<X[]>, size = 500): Promise<X[]> {
  const inserted: X[] = [];
  for (let i = 0; i < rows.length; i += size) inserted.push(...(await insert(rows.slice(i, i + size))));
  return inserted;
}
