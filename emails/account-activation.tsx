import { Text } from '@react-email/components';
import { EmailLayout, paragraph, TokenLink } from './layout';

export interface AccountActivationProps {
  town: string;
  firstName: string;
  login: string;
  link: string;
  validUntil: string;
}

export function AccountActivation({ town, firstName, login, link, validUntil }: AccountActivationProps) {
  return (
    <EmailLayout town={town} preview="Activez votre Compte Famille">
      <Text style={paragraph}>Bonjour {firstName},</Text>
      <Text style={paragraph}>
        La mairie a créé votre accès au Compte Famille. Votre identifiant : {login}. Choisissez votre mot de passe avec ce lien ; il ne sert
        qu’une fois et reste valable jusqu’au {validUntil} :
      </Text>
      <TokenLink href={link}>Activer mon compte</TokenLink>
      <Text style={paragraph}>Ensuite, connectez-vous avec votre identifiant (ou votre adresse e-mail) et ce mot de passe.</Text>
    </EmailLayout>
  );
}

export const accountActivationSubject = 'Activez votre Compte Famille';
