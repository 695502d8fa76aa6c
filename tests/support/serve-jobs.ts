// Test helper process: owns an embedded database as `npm start` does, takes job requests
// (lib/jobs/control.ts), and holds it until killed.
import { wrapPglite } from '../../db/client';
import { openEmbeddedDatabase } from '../../db/embedded';
import { fixedClock } from '../../lib/clock';
import { startJobControl } from '../../lib/jobs/control';

const dir = process.argv[2]!;
const embedded = await openEmbeddedDatabase(dir);
const handle = wrapPglite(embedded.pglite, embedded.close);
await handle.migrate();
await startJobControl(dir, async () => handle.db, fixedClock('2026-11-26T10:00:00Z'));
console.log('ready');
const stop = async () => {
  await handle.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
setInterval(() => {}, 1000);
