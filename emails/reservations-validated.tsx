import { Column, Row, Section, Text } from '@react-email/components';
import { formatDate, formatEuros } from '@/lib/format';
import { outcomeLabel } from '@/lib/reservations/labels';
import type { ValidationOutcome } from '@/lib/reservations/types';
import { EmailLayout, paragraph } from './layout';

export interface ReservationsValidatedProps {
  town: string;
  firstName: string;
  outcomes: ValidationOutcome[];
  remarks: string | null;
}

const cell = { fontSize: '14px', padding: '4px 0', verticalAlign: 'top' as const };

function Outcomes({ title, outcomes }: { title: string; outcomes: ValidationOutcome[] }) {
  if (outcomes.length === 0) return null;
  return (
    <Section>
      <Text style={{ ...paragraph, fontWeight: 700 }}>{title}</Text>
      {outcomes.map((o, index) => (
        <Row key={index}>
          <Column style={cell}>
            {formatDate(o.date)} · {o.childName} · {o.activityName} ({o.arrivalTime}–{o.departureTime}) · {formatEuros(o.costCents)}
            <br />
            <strong>{outcomeLabel(o.result, o.waitlistRank, o.reason)}</strong>
          </Column>
        </Row>
      ))}
    </Section>
  );
}

/** Sent at each "Valider": every new reservation, waiting-list place, refusal and cancellation. */
export function ReservationsValidated({ town, firstName, outcomes, remarks }: ReservationsValidatedProps) {
  return (
    <EmailLayout town={town} preview="Vos demandes de réservation sont enregistrées">
      <Text style={paragraph}>Bonjour {firstName},</Text>
      <Text style={paragraph}>
        Vos demandes ont été enregistrées. Les réservations acceptées sont « Non transmis » : elles seront transmises dans la nuit et
        vous recevrez le lendemain un compte-rendu de leur état définitif.
      </Text>
      <Outcomes title="Réservations" outcomes={outcomes.filter((o) => o.action === 'add')} />
      <Outcomes title="Annulations" outcomes={outcomes.filter((o) => o.action === 'remove')} />
      {remarks && <Text style={paragraph}>Vos remarques : {remarks}</Text>}
      <Text style={paragraph}>Vous pouvez suivre vos réservations dans l’onglet « Suivi » de votre Compte Famille.</Text>
    </EmailLayout>
  );
}

export const reservationsValidatedSubject = 'Vos demandes de réservation sont enregistrées';
