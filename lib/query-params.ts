/** One value of a page's query parameter: the first if repeated, undefined if absent. */
export function queryValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * A database id from the query ("?enfant=12") or the route ("/admin/familles/12"): a positive
 * 32-bit integer (PostgreSQL's `integer`), or null for anything else, which pages answer with 404.
 */
export function queryId(value: string | string[] | undefined): number | null {
  const text = queryValue(value);
  if (!text || !/^[1-9]\d{0,9}$/.test(text)) return null;
  const id = Number(text);
  return id <= 2_147_483_647 ? id : null;
}
