// Test helper process: owns an embedded database, writes one family, and holds it until killed.
import { wrapPglite } from '../../db/client';
import { openEmbeddedDatabase } from '../../db/embedded';
import { families } from '../../db/schema';

const embedded = await openEmbeddedDatabase(process.argv[2]);
const handle = wrapPglite(embedded.pglite, embedded.close);
await handle.migrate();
await handle.db.insert(families).values({ identifier: 'tenant', name: 'PREMIER' });
console.log('ready');
const stop = async () => {
  await handle.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
setInterval(() => {}, 1000);
