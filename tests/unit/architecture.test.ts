import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(relative);
    return /\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

/** Whether source code inserts into wallet_entries: drizzle's insert(walletEntries) however the schema is imported, or SQL. */
const writesWalletEntries = (source: string) => /\.insert\(\s*(?:\w+\.)?walletEntries\s*\)|insert\s+into\s+"?wallet_entries"?/i.test(source);

describe('the shape of the code', () => {
  it('authorizes every server action in app/ through familyAction, staffAction or publicAction', () => {
    const actionFiles = sourceFiles('app').filter((file) => /^['"]use server['"]/m.test(read(file)));
    expect(actionFiles.length).toBeGreaterThan(5);
    for (const file of actionFiles) {
      const source = read(file);
      expect(source, file).not.toMatch(/require(Guardian|Staff)\(/);
      const exported = [...source.matchAll(/^export (?:async function|const) (\w+)/gm)].map((match) => match[1]);
      const wrapped = [...source.matchAll(/^export const (\w+) = (?:family|staff|public)Action\(/gm)].map((match) => match[1]);
      expect(wrapped, file).toEqual(exported);
    }
  });

  it('keeps components free of imports from app/', () => {
    for (const file of sourceFiles('components')) expect(read(file), file).not.toMatch(/from '@\/app\//);
  });

  it('keeps db/ to schema, client and migrations', () => {
    expect(fs.existsSync(path.join(root, 'db/seed.ts'))).toBe(false);
  });

  it('writes the wallets ledger only through lib/wallets/ledger.ts (appendLedgerEntries)', () => {
    // The demo data seeds years of history on an empty database in one transaction: its entries
    // carry their past `created_at` and go in by thousands, which the ledger's writer (a live
    // writer, stamping now) neither offers nor should; it writes nothing after the first start.
    const allowed = ['lib/wallets/ledger.ts', 'scripts/demo-data/ledger.ts'];
    const writers = ['app', 'lib', 'scripts'].flatMap(sourceFiles).filter((file) => writesWalletEntries(read(file)));
    expect(writers.sort()).toEqual(allowed.sort());
  });

  it('has one refusal error: no other Error subclass is thrown to roll a service back', () => {
    const refusals = sourceFiles('lib').filter((file) => /class \w*Refus\w* extends Error/.test(read(file)));
    expect(refusals).toEqual(['lib/result.ts']);
  });
});
