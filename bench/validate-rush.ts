// The morning bookings open: baskets that all ask for the same four opening days are validated
// with C at a time for S seconds on real PostgreSQL, then pgbench runs with C clients for as long
// on the same server. Prints validations per second, their p95, pgbench's TPS, the ratio of the
// two and the days overbooked (must be 0). Usage:
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5433/postgres npm run bench -- [clients] [seconds]
import { measureServiceLevel } from './rush/service';

const clients = Number(process.argv[2] ?? 40);
const seconds = Number(process.argv[3] ?? 10);
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!adminUrl) {
  console.error('Set BENCH_DATABASE_URL to a PostgreSQL server (the benchmark creates and drops its own databases).');
  process.exit(2);
}

measureServiceLevel({ adminUrl, clients, seconds }).then(
  (level) => console.log(JSON.stringify({ clients, seconds, ...level }, null, 2)),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
