import '@fontsource-variable/inter';
import './globals.css';
import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import { SiteFooter } from '@/components/site-footer';
import { townName } from '@/lib/town';

export const metadata: Metadata = {
  title: { default: 'Compte Famille', template: '%s · Compte Famille' },
  description: 'Le portail famille de la mairie : consommations, règlements, porte-monnaie et réservations.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request, even the 404 and Mot de passe oublié: Next stamps its
  // scripts with the nonce of the request's Content-Security-Policy (proxy.ts), and a page
  // prerendered at build time would carry none, so the browser would refuse its scripts.
  await connection();
  return (
    <html lang="fr">
      <body className="min-h-screen">
        <a
          href="#contenu"
          className="no-print sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Aller au contenu
        </a>
        {children}
        <SiteFooter townName={townName()} />
      </body>
    </html>
  );
}
