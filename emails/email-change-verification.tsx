import { Text } from '@react-email/components';
import { EmailLayout, paragraph, TokenLink } from './layout';

export interface EmailChangeVerificationProps {
  town: string;
  firstName: string;
  newEmail: string;
  link: string;
  validUntil: string;
}

export function EmailChangeVerification({ town, firstName, newEmail, link, validUntil }: EmailChangeVerificationProps) {
  return (
    <EmailLayout town={town} preview="Confirmez votre nouvelle adresse e-mail">
      <Text style={paragraph}>Bonjour {firstName},</Text>
      <Text style={paragraph}>
        Vous avez demandé à recevoir les messages du Compte Famille à l’adresse {newEmail}. Pour confirmer, suivez ce lien avant le{' '}
        {validUntil} :
      </Text>
      <TokenLink href={link}>Confirmer ma nouvelle adresse</TokenLink>
      <Text style={paragraph}>Si vous n’avez rien demandé, ignorez ce message : rien ne changera.</Text>
    </EmailLayout>
  );
}

export const emailChangeVerificationSubject = 'Confirmez votre nouvelle adresse e-mail';
