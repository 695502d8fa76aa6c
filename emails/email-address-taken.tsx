import { Text } from '@react-email/components';
import { EmailLayout, paragraph } from './layout';

export interface EmailAddressTakenProps {
  town: string;
  newEmail: string;
}

/**
 * Sent instead of the confirmation link when the address asked for already belongs to another
 * account: the portal answers as for a free address, so only the mailbox's owner learns of it.
 */
export function EmailAddressTaken({ town, newEmail }: EmailAddressTakenProps) {
  return (
    <EmailLayout town={town} preview="Cette adresse e-mail est déjà utilisée">
      <Text style={paragraph}>Bonjour,</Text>
      <Text style={paragraph}>
        Une demande a été faite depuis un Compte Famille pour recevoir les messages du portail à l’adresse {newEmail}. Cette adresse
        est déjà enregistrée sur un compte du portail : elle ne peut pas servir à un second compte, et rien n’a été changé.
      </Text>
      <Text style={paragraph}>
        Si vous êtes à l’origine de cette demande, vous avez déjà un compte avec cette adresse : connectez-vous avec elle (utilisez
        « Mot de passe oublié » si besoin), ou choisissez une autre adresse. Pour réunir deux comptes, adressez-vous à la mairie.
      </Text>
      <Text style={paragraph}>Sinon, ignorez ce message : votre compte n’a pas été modifié.</Text>
    </EmailLayout>
  );
}

export const emailAddressTakenSubject = 'Cette adresse e-mail est déjà utilisée';
