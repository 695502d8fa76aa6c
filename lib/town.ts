/** The town running the portal, as named in e-mails and pages. */
export const townName = () => process.env.TOWN_NAME ?? 'Mairie de Cestas';

/** The portal's public address, for links in e-mails. */
export const portalUrl = () => (process.env.PORTAL_URL ?? process.env.AUTH_URL ?? 'http://localhost:3000').replace(/\/$/, '');
