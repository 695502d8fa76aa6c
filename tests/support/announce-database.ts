// Says loudly which database the integration tests use, and refuses to skip PostgreSQL under CI.
export default function announceDatabase() {
  if (process.env.TEST_DATABASE_URL) {
    console.log('\n▶ Integration tests: PostgreSQL (TEST_DATABASE_URL), concurrency tests included.\n');
    return;
  }
  if (process.env.CI === 'true') {
    throw new Error('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL tests may not be skipped under CI.');
  }
  console.warn(
    '\n⚠⚠⚠ TEST_DATABASE_URL is not set: integration tests run on embedded PGlite and the ' +
      'PostgreSQL-only tests (concurrency, locking) are SKIPPED. ⚠⚠⚠\n',
  );
}
