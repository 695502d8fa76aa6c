import { Column, Row, Section, Text } from '@react-email/components';
import { formatDate } from '@/lib/format';
import { statusLabel } from '@/lib/reservations/labels';
import type { FamilyReservationRow } from '@/lib/reservations/types';
import { EmailLayout, paragraph } from './layout';

export interface ReportedChange {
  date: string;
  childName: string;
  activityName: string;
  status: FamilyReservationRow['status'];
  waitlistRank: number | null;
}

export interface DailyReportProps {
  town: string;
  firstName: string;
  changes: ReportedChange[];
}

const cell = { fontSize: '14px', padding: '4px 0', verticalAlign: 'top' as const };

/** The morning report: every reservation of the family whose state changed since the last one. */
export function DailyReport({ town, firstName, changes }: DailyReportProps) {
  return (
    <EmailLayout town={town} preview={dailyReportSubject}>
      <Text style={paragraph}>Bonjour {firstName},</Text>
      <Text style={paragraph}>Voici l’état de vos réservations qui ont changé depuis notre dernier compte-rendu :</Text>
      <Section>
        {changes.map((change, index) => (
          <Row key={index}>
            <Column style={cell}>
              {formatDate(change.date)} · {change.childName} · {change.activityName}
              <br />
              <strong>{reportedLabel(change)}</strong>
            </Column>
          </Row>
        ))}
      </Section>
      <Text style={paragraph}>Vous pouvez suivre vos réservations dans l’onglet « Suivi » de votre Compte Famille.</Text>
    </EmailLayout>
  );
}

/**
 * A family's own cancellations are told at "Valider" and never reach the report: a cancellation
 * reported here was made by the town (a staff member, a closed day).
 */
export const reportedLabel = (change: Pick<ReportedChange, 'status' | 'waitlistRank'>) =>
  change.status === 'cancelled' ? 'Annulée par la mairie' : statusLabel(change.status, change.waitlistRank);

export const dailyReportSubject = 'Compte-rendu de vos réservations';
