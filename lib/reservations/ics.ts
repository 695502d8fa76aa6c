/**
 * iCalendar (RFC 5545) text for the private calendar feed: pure formatting, no I/O. Times are
 * written as UTC instants (computed from the Paris wall clock by the caller), which every
 * calendar app shows in its own time zone without a VTIMEZONE block.
 */

export interface IcsEvent {
  /** Stable across feeds, so a phone updates the event instead of adding a copy. */
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  status: 'CONFIRMED' | 'TENTATIVE';
}

export interface IcsCalendar {
  name: string;
  /** When the feed was produced: every event's DTSTAMP. */
  stamp: Date;
  events: readonly IcsEvent[];
}

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;

/** A TEXT value: backslash, semicolon and comma escaped, every line break as `\n`. */
export function escapeText(value: string): string {
  return value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line so that no line is longer than 75 octets of UTF-8, never inside a
 * character; each continuation line starts with one space (which counts in its 75).
 */
export function foldLine(line: string): string {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > MAX_LINE_OCTETS) {
      lines.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  lines.push(current);
  return lines.join(CRLF);
}

/** An instant as a UTC DATE-TIME: 20261209T073000Z. */
export function utcDateTime(instant: Date): string {
  return instant.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** The whole calendar, CRLF line ends, each line folded. */
export function icsFeed(calendar: IcsCalendar): string {
  const stamp = utcDateTime(calendar.stamp);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Compte Famille//Agenda des reservations//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    'X-WR-TIMEZONE:Europe/Paris',
    // How often a calendar app should fetch it again (RFC 7986, and its older Microsoft name).
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
  ];
  for (const event of calendar.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(event.uid)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${utcDateTime(event.start)}`,
      `DTEND:${utcDateTime(event.end)}`,
      `SUMMARY:${escapeText(event.summary)}`,
      ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
      `STATUS:${event.status}`,
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
