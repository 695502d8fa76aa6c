/** The town running the portal, as named in e-mails and pages. */
export const townName = () => process.env.TOWN_NAME ?? 'Mairie de Cestas';

type Env = Record<string, string | undefined>;

/**
 * The portal's public address, for links in e-mails: PORTAL_URL, else AUTH_URL. In development,
 * `npm run dev` sets PORTAL_URL to the server it starts (`developmentPortalUrl`); a bare
 * `next dev` falls back to http://localhost:3000. In production there is no guess: null.
 */
export function configuredPortalUrl(env: Env = process.env): string | null {
  const url = env.PORTAL_URL || env.AUTH_URL || (env.NODE_ENV === 'production' ? null : 'http://localhost:3000');
  return url ? url.replace(/\/+$/, '') : null;
}

/** The address of the development server `next dev` starts with these arguments. */
export function developmentPortalUrl(nextArgs: readonly string[], env: Env = process.env): string {
  const option = (short: string, long: string) => {
    for (const [index, arg] of nextArgs.entries()) {
      if (arg === short || arg === long) return nextArgs[index + 1];
      if (arg.startsWith(`${long}=`)) return arg.slice(long.length + 1);
    }
    return undefined;
  };
  const port = option('-p', '--port') ?? env.PORT ?? '3000';
  const host = option('-H', '--hostname');
  // A server listening on every interface is reached on this machine as localhost.
  const reachable = !host || host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${reachable}:${port}`;
}

export function portalUrl(): string {
  const url = configuredPortalUrl();
  if (!url) throw new Error('PORTAL_URL is not set: the links in e-mails need the portal’s public address.');
  return url;
}

/** Where anyone writes to the town about the portal (accessibility problems, questions). */
export const townContactEmail = () => process.env.TOWN_CONTACT_EMAIL || 'contact@mairie.example.fr';
/** The town hall's postal address. */
export const townAddress = () => process.env.TOWN_ADDRESS || `Hôtel de ville, 33610 ${townName().replace(/^Mairie d(e |')/, '')}`;
/** The data protection officer (délégué à la protection des données). */
export const dpoEmail = () => process.env.DPO_EMAIL || 'dpo@mairie.example.fr';
/** The director of publication named in the Mentions légales: by law, the mayor. */
export const publicationDirector = () => process.env.PUBLICATION_DIRECTOR || `Le maire (${townName()})`;
/** Who hosts the portal (name and address), for the Mentions légales. */
export const hostingProvider = () => process.env.HOSTING_PROVIDER || `${townName()}, ${townAddress()} (serveurs de la commune)`;
