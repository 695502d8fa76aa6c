import { Text } from '@react-email/components';
import { formatDate } from '@/lib/format';
import { EmailLayout, paragraph } from './layout';

export interface WaitingListPromotedProps {
  town: string;
  firstName: string;
  date: string;
  childName: string;
  activityName: string;
}

/** Sent when a place frees on a day where the family waited: its request is now « Réservée ». */
export function WaitingListPromoted({ town, firstName, date, childName, activityName }: WaitingListPromotedProps) {
  return (
    <EmailLayout town={town} preview={waitingListPromotedSubject}>
      <Text style={paragraph}>Bonjour {firstName},</Text>
      <Text style={paragraph}>
        Une place s’est libérée : la demande de {childName} pour {activityName} le {formatDate(date)}, qui était en liste d’attente, est
        acceptée. Elle est maintenant « Réservée ».
      </Text>
      <Text style={paragraph}>Vous pouvez suivre vos réservations dans l’onglet « Suivi » de votre Compte Famille.</Text>
    </EmailLayout>
  );
}

export const waitingListPromotedSubject = 'Une place s’est libérée';
