import { Text } from '@react-email/components';
import { EmailLayout, paragraph } from './layout';

export interface PasswordChangedProps {
  town: string;
  firstName: string;
  changedAt: string;
}

export function PasswordChanged({ town, firstName, changedAt }: PasswordChangedProps) {
  return (
    <EmailLayout town={town} preview="Votre mot de passe a été modifié">
      <Text style={paragraph}>Bonjour {firstName},</Text>
      <Text style={paragraph}>
        Le mot de passe de votre Compte Famille a été modifié le {changedAt}. Les autres connexions ouvertes avec l’ancien mot de
        passe ont été fermées.
      </Text>
      <Text style={paragraph}>
        Si vous n’êtes pas à l’origine de ce changement, contactez la mairie sans attendre.
      </Text>
    </EmailLayout>
  );
}

export const passwordChangedSubject = 'Votre mot de passe a été modifié';
