import { Text } from '@react-email/components';
import { EmailLayout, paragraph, TokenLink } from './layout';

export interface PasswordResetProps {
  town: string;
  firstName: string;
  link: string;
  validUntil: string;
}

export function PasswordReset({ town, firstName, link, validUntil }: PasswordResetProps) {
  return (
    <EmailLayout town={town} preview="Choisissez un nouveau mot de passe">
      <Text style={paragraph}>Bonjour {firstName},</Text>
      <Text style={paragraph}>
        Une demande de nouveau mot de passe a été faite pour votre Compte Famille. Ce lien ne sert qu’une fois et reste valable
        jusqu’au {validUntil} :
      </Text>
      <TokenLink href={link}>Choisir un nouveau mot de passe</TokenLink>
      <Text style={paragraph}>Si vous n’avez rien demandé, ignorez ce message : votre mot de passe reste le même.</Text>
    </EmailLayout>
  );
}

export const passwordResetSubject = 'Choisissez un nouveau mot de passe';
