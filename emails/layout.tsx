import { Body, Button, Container, Head, Hr, Html, Preview, Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';

const main = { backgroundColor: '#f8fafc', fontFamily: 'Arial, Helvetica, sans-serif', color: '#0f172a' };
const container = { backgroundColor: '#ffffff', margin: '24px auto', padding: '24px', maxWidth: '560px', borderRadius: '8px' };
const header = { color: '#1e3a8a', fontSize: '18px', fontWeight: 700, margin: 0 };
const footer = { color: '#475569', fontSize: '12px' };

/** The shared frame of every e-mail: the town's name, the message, and why it was sent. */
export function EmailLayout({ town, preview, children }: { town: string; preview: string; children: ReactNode }) {
  return (
    <Html lang="fr">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={main}>
        <Container style={container}>
          <Text style={header}>{town} · Compte Famille</Text>
          <Hr />
          <Section>{children}</Section>
          <Hr />
          <Text style={footer}>
            Ce message vous est envoyé par le portail Compte Famille de la {town.replace(/^Mairie de /, 'mairie de ')}. Merci de ne pas y
            répondre : pour toute question, adressez-vous à la mairie.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export const paragraph = { fontSize: '15px', lineHeight: '22px' };
export const button = {
  backgroundColor: '#1e3a8a',
  color: '#ffffff',
  padding: '12px 18px',
  borderRadius: '6px',
  fontWeight: 700,
  textDecoration: 'none',
  display: 'inline-block',
};

/** What every kept copy of an e-mail shows in place of a link that carries a token. */
export const REDACTED_LINK = '« lien retiré de la copie conservée »';

/**
 * A link carrying a token: a button and the address written out. In a kept copy (outbox, staff
 * view, `.data/mail`) the link is REDACTED_LINK, and only that notice is shown.
 */
export function TokenLink({ href, children }: { href: string; children: ReactNode }) {
  if (href === REDACTED_LINK) {
    return (
      <Text style={paragraph}>
        {children} : {REDACTED_LINK}
      </Text>
    );
  }
  return (
    <>
      <Button href={href} style={button}>
        {children}
      </Button>
      <Text style={paragraph}>Lien : {href}</Text>
    </>
  );
}
