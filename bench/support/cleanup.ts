// What a benchmark started (servers, proxies, databases) is undone on the way out: at the end, on
// an error, and on Ctrl-C or SIGTERM, last started first.

type Cleanup = () => Promise<void>;
const cleanups: Cleanup[] = [];
let listening = false;

/** Runs every registered cleanup, the last registered first; an error is printed and the next runs. */
export async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) await cleanups.pop()!().catch((error: Error) => console.error(`cleanup: ${error.message}`));
}

/**
 * Registers `cleanup` for the way out and returns what unregisters it (once the thing is stopped by
 * the benchmark itself). The first registration installs the SIGINT/SIGTERM handler.
 */
export function atExit(cleanup: Cleanup): () => void {
  cleanups.push(cleanup);
  if (!listening) {
    listening = true;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        console.error(`\n${signal}: stopping the servers and dropping the bench databases…`);
        void cleanUp().finally(() => process.exit(130));
      });
    }
  }
  return () => {
    const index = cleanups.lastIndexOf(cleanup);
    if (index >= 0) cleanups.splice(index, 1);
  };
}
