import type { IsoDate } from './clock';
import { TOWN_TIME_ZONE } from './clock';

// The CSV files staff open in a French Excel: UTF-8 with a byte order mark (else Excel reads
// Windows-1252 and breaks the accents), `;` between fields (the comma is the decimal mark), CRLF
// line ends, amounts "1234,50" and dates "JJ/MM/AAAA".

const BOM = '\uFEFF';
const SEPARATOR = ';';
const LINE_END = '\r\n';

export type CsvValue = string | number | null | undefined;

/** A field quoted when it holds the separator, a quote or a line break; its quotes doubled. */
export function csvField(value: CsvValue): string {
  const text = value == null ? '' : String(value);
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole file: BOM, heading row, then one row per line, each ended by CRLF. */
export function toCsv(headings: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const line = (values: readonly CsvValue[]) => values.map(csvField).join(SEPARATOR) + LINE_END;
  return BOM + line(headings) + rows.map(line).join('');
}

/** "1234,50", "-12,00": a decimal comma and no thousands separator, which Excel would read as text. */
export function csvAmount(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  return `${sign}${Math.floor(absolute / 100)},${String(absolute % 100).padStart(2, '0')}`;
}

/** "02/12/2026" */
export function csvDate(date: IsoDate): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

/** "20/11/2026 19:00", in Paris time. */
export function csvDateTime(instant: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('fr-FR', { timeZone: TOWN_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/** The response of a CSV export: downloaded under `filename`, never cached. */
export function csvResponse(filename: string, body: string): Response {
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
