// npm run db:migrate | db:seed | db:reset — on PostgreSQL (DATABASE_URL) or the embedded database.
import fs from 'node:fs';
import { openDatabase } from '../db/client';
import { defaultEmbeddedDir, lockEmbeddedDir } from '../db/embedded';
import { appClock } from '../lib/clock';
import { isDatabaseEmpty, loadDemoData } from './demo-data';
import { sql } from 'drizzle-orm';

const command = process.argv[2];

async function main() {
  if (command === 'reset') {
    if (process.env.DATABASE_URL) {
      const handle = await openDatabase();
      await handle.db.execute(sql`drop schema if exists public cascade; drop schema if exists drizzle cascade; create schema public;`);
      await handle.close();
    } else {
      const dir = defaultEmbeddedDir();
      const release = lockEmbeddedDir(dir); // refuses while a server owns it
      fs.rmSync(dir, { recursive: true, force: true });
      release();
    }
  }
  const handle = await openDatabase();
  try {
    await handle.migrate();
    console.log('Migrations applied.');
    if (command === 'seed' || command === 'reset') {
      if (!(await isDatabaseEmpty(handle.db))) {
        console.error(
          '✖ The database already has accounts or families: db:seed loads the demo data (whose passwords the README ' +
            'publishes) only into an empty database. "npm run db:reset" wipes the database and loads the demo data again.',
        );
        process.exitCode = 1;
        return;
      }
      const summary = await loadDemoData(handle.db, appClock());
      console.log('Demo data loaded:', summary);
    }
  } finally {
    await handle.close();
  }
}

if (!['migrate', 'seed', 'reset'].includes(command ?? '')) {
  console.error('Usage: tsx scripts/db.ts migrate|seed|reset');
  process.exit(2);
}
main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
