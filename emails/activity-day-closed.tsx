import { Text } from '@react-email/components';
import { formatDate } from '@/lib/format';
import { EmailLayout, paragraph } from './layout';

export interface ActivityDayClosedProps {
  town: string;
  firstName: string;
  date: string;
  activityName: string;
  childNames: string[];
}

/** Sent once per family when the town closes a day its children were booked (or waiting) on: their requests are cancelled. */
export function ActivityDayClosed({ town, firstName, date, activityName, childNames }: ActivityDayClosedProps) {
  return (
    <EmailLayout town={town} preview={activityDayClosedSubject}>
      <Text style={paragraph}>Bonjour {firstName},</Text>
      <Text style={paragraph}>
        La mairie a fermé {activityName} le {formatDate(date)}. {childNames.length > 1 ? 'Les demandes de ' : 'La demande de '}
        {childNames.join(' et ')} pour ce jour {childNames.length > 1 ? 'sont annulées' : 'est annulée'}.
      </Text>
      <Text style={paragraph}>Vous pouvez suivre vos réservations dans l’onglet « Suivi » de votre Compte Famille.</Text>
    </EmailLayout>
  );
}

export const activityDayClosedSubject = 'Un jour d’activité est fermé';
