import { Section, Text } from '@react-email/components';
import { formatDate, formatEuros } from '@/lib/format';
import { EmailLayout, paragraph } from './layout';

export interface PaymentConfirmationProps {
  town: string;
  reference: string;
  paidOn: string;
  amountCents: number;
  wallets: { label: string; amountCents: number }[];
}

/** Sent once a card payment is confirmed by the gateway and the wallets are credited. */
export function PaymentConfirmation({ town, reference, paidOn, amountCents, wallets }: PaymentConfirmationProps) {
  return (
    <EmailLayout town={town} preview={paymentConfirmationSubject}>
      <Text style={paragraph}>Bonjour,</Text>
      <Text style={paragraph}>
        Votre paiement par carte bancaire de {formatEuros(amountCents)} du {formatDate(paidOn)} est confirmé. Référence du paiement :{' '}
        {reference}.
      </Text>
      <Section>
        <Text style={paragraph}>Porte-monnaie crédités :</Text>
        {wallets.map((wallet) => (
          <Text key={wallet.label} style={paragraph}>
            • {wallet.label} : {formatEuros(wallet.amountCents)}
          </Text>
        ))}
      </Section>
      <Text style={paragraph}>
        Le règlement apparaît dans l’onglet « Historiques », « Historiques des règlements », avec le mode CB, et vos soldes sont à
        jour dans « Soldes et paiements ».
      </Text>
    </EmailLayout>
  );
}

export const paymentConfirmationSubject = 'Confirmation de votre paiement par carte bancaire';
