// npm run admin:create -- --login … --email … [--first-name …] [--last-name …]
// Creates a town administrator, on PostgreSQL (DATABASE_URL) or the embedded database (stop the
// server first: it owns the embedded database). The password comes from ADMIN_PASSWORD, else from
// standard input (one line), else it is asked twice on the terminal without being shown.
import readline from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/client';
import { createAdministrator } from '../lib/auth/administrators';
import { systemClock } from '../lib/clock';

const usage =
  'Usage: npm run admin:create -- --login <identifiant> --email <adresse> [--first-name <prénom>] [--last-name <nom>]\n' +
  'The password is read from ADMIN_PASSWORD, else from standard input, else asked on the terminal.';

/** Asks on the terminal, echoing nothing of what is typed. */
function askHidden(question: string): Promise<string> {
  process.stdout.write(question);
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const terminal = readline.createInterface({ input: process.stdin, output: silent, terminal: true });
  return new Promise((resolve) => {
    terminal.question('', (answer) => {
      terminal.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

async function readPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  if (!process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    return text.replace(/\r?\n$/, '');
  }
  const password = await askHidden('Mot de passe (12 caractères au moins) : ');
  if ((await askHidden('Le même, encore une fois : ')) !== password) {
    console.error('✖ Les deux mots de passe diffèrent.');
    process.exit(1);
  }
  return password;
}

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        login: { type: 'string' },
        email: { type: 'string' },
        'first-name': { type: 'string', default: 'Administrateur' },
        'last-name': { type: 'string', default: 'MAIRIE' },
      },
    }));
  } catch (error) {
    console.error(`✖ ${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
  if (!values.login || !values.email) {
    console.error(usage);
    process.exit(2);
  }

  const password = await readPassword();
  const handle = await openDatabase();
  try {
    await handle.migrate();
    const result = await createAdministrator(handle.db, systemClock, {
      login: values.login,
      email: values.email,
      firstName: values['first-name'],
      lastName: values['last-name'],
      password,
    });
    if (!result.ok) {
      console.error(`✖ ${result.message}`);
      process.exitCode = 1;
      return;
    }
    console.log(`Administrator "${result.value.login}" created: log in at /connexion with this identifier and password.`);
  } finally {
    await handle.close();
  }
}

main().catch((error) => {
  console.error(`✖ ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
