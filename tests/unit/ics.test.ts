import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, icsFeed, utcDateTime } from '@/lib/reservations/ics';

const octets = (line: string) => Buffer.byteLength(line, 'utf8');

const aFeed = (summary: string, description?: string) =>
  icsFeed({
    name: 'Compte Famille — réservations',
    stamp: new Date('2026-11-26T09:00:00Z'),
    events: [
      {
        uid: 'reservation-7@compte-famille',
        start: new Date('2026-12-09T06:30:00Z'),
        end: new Date('2026-12-09T11:00:00Z'),
        summary,
        description,
        status: 'TENTATIVE',
      },
    ],
  });

describe('the iCalendar formatter', () => {
  it('escapes backslashes, semicolons, commas and every kind of line break in text', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
  });

  it('folds a long line at 75 octets with a space on each continuation, and leaves a short one alone', () => {
    expect(foldLine('SUMMARY:court')).toBe('SUMMARY:court');
    const line = `SUMMARY:${'x'.repeat(200)}`;
    const folded = foldLine(line).split('\r\n');
    expect(folded.length).toBe(3);
    expect(folded.map(octets)).toEqual([75, 75, 208 - 75 - 74 + 1]);
    expect(folded.slice(1).every((part) => part.startsWith(' '))).toBe(true);
    expect(folded[0] + folded.slice(1).map((part) => part.slice(1)).join('')).toBe(line);
  });

  it('counts octets, not characters, and never cuts a character in two', () => {
    const line = `SUMMARY:${'é'.repeat(100)}`;
    const folded = foldLine(line).split('\r\n');
    for (const part of folded) expect(octets(part)).toBeLessThanOrEqual(75);
    // 8 ASCII octets then 33 two-octet « é » fill 74 octets: the 34th would make 76.
    expect(folded[0]).toBe(`SUMMARY:${'é'.repeat(33)}`);
    expect(folded.join('').replace(/\r\n /g, '')).not.toContain('\uFFFD');
    expect(folded[0] + folded.slice(1).map((part) => part.slice(1)).join('')).toBe(line);
  });

  it('writes instants as UTC date-times', () => {
    expect(utcDateTime(new Date('2026-12-09T06:30:00.000Z'))).toBe('20261209T063000Z');
  });

  it('ends every line with CRLF and keeps every line within 75 octets', () => {
    const text = aFeed(`ALSH 3-6 ans Matin — ${'Léa-Éloïse '.repeat(12)}`);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
  });

  it('gives a standard parser back the exact text, times, status and identifier', () => {
    const summary = `ALSH 3-6 ans Matin — Léa; « Zoé », C:\\dossier ${'long '.repeat(20)}`;
    const description = 'DUPONT Léa\nStatut : Non transmis';
    const calendar = new ICAL.Component(ICAL.parse(aFeed(summary, description)));
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Compte Famille — réservations');
    const events = calendar.getAllSubcomponents('vevent');
    expect(events).toHaveLength(1);
    const event = new ICAL.Event(events[0]!);
    expect(event.summary).toBe(summary);
    expect(event.description).toBe(description);
    expect(event.uid).toBe('reservation-7@compte-famille');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-09T06:30:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-12-09T11:00:00.000Z');
    expect(events[0]!.getFirstPropertyValue('status')).toBe('TENTATIVE');
    expect(String(events[0]!.getFirstPropertyValue('dtstamp'))).toBe('2026-11-26T09:00:00Z');
  });
});
