import { Text } from '@react-email/components';
import { EmailLayout, paragraph } from './layout';

export interface EmailChangeNoticeProps {
  town: string;
  firstName: string;
  newEmail: string;
}

/** Sent to the old address when a change of address is requested. */
export function EmailChangeNotice({ town, firstName, newEmail }: EmailChangeNoticeProps) {
  return (
    <EmailLayout town={town} preview="Changement d’adresse e-mail demandé">
      <Text style={paragraph}>Bonjour {firstName},</Text>
      <Text style={paragraph}>
        Un changement de l’adresse e-mail de votre Compte Famille vers {newEmail} a été demandé. Il ne prendra effet que lorsqu’il aura
        été confirmé depuis cette nouvelle adresse.
      </Text>
      <Text style={paragraph}>Si vous n’êtes pas à l’origine de cette demande, changez votre mot de passe et contactez la mairie.</Text>
    </EmailLayout>
  );
}

export const emailChangeNoticeSubject = 'Changement d’adresse e-mail demandé';
