import { render } from '@react-email/render';
import type { ReactElement } from 'react';
import { ActivityDayClosed, activityDayClosedSubject } from '@/emails/activity-day-closed';
import { AccountActivation, accountActivationSubject } from '@/emails/account-activation';
import { DailyReport, dailyReportSubject } from '@/emails/daily-report';
import { EmailAddressTaken, emailAddressTakenSubject } from '@/emails/email-address-taken';
import { EmailChangeNotice, emailChangeNoticeSubject } from '@/emails/email-change-notice';
import { EmailChangeVerification, emailChangeVerificationSubject } from '@/emails/email-change-verification';
import { REDACTED_LINK } from '@/emails/layout';
import { PaymentConfirmation, paymentConfirmationSubject } from '@/emails/payment-confirmation';
import { PasswordChanged, passwordChangedSubject } from '@/emails/password-changed';
import { PasswordReset, passwordResetSubject } from '@/emails/password-reset';
import { ReservationsValidated, reservationsValidatedSubject } from '@/emails/reservations-validated';
import { WaitingListPromoted, waitingListPromotedSubject } from '@/emails/waiting-list-promoted';

/**
 * Every e-mail the portal sends, by the name the outbox stores. The outbox keeps the name and the
 * props (plain JSON): a message is rendered when it is delivered or shown to staff, never inside
 * the transaction that queues it. `secrets` names the props that must never be kept (links that
 * carry a token): they are queued apart, given only to the message sent, and every kept copy
 * shows REDACTED_LINK in their place.
 */
export const emailTemplates = {
  'activity-day-closed': { subject: activityDayClosedSubject, component: ActivityDayClosed },
  'account-activation': { subject: accountActivationSubject, component: AccountActivation, secrets: ['link'] },
  'daily-report': { subject: dailyReportSubject, component: DailyReport },
  'email-address-taken': { subject: emailAddressTakenSubject, component: EmailAddressTaken },
  'email-change-notice': { subject: emailChangeNoticeSubject, component: EmailChangeNotice },
  'email-change-verification': { subject: emailChangeVerificationSubject, component: EmailChangeVerification, secrets: ['link'] },
  'password-changed': { subject: passwordChangedSubject, component: PasswordChanged },
  'password-reset': { subject: passwordResetSubject, component: PasswordReset, secrets: ['link'] },
  'payment-confirmation': { subject: paymentConfirmationSubject, component: PaymentConfirmation },
  'reservations-validated': { subject: reservationsValidatedSubject, component: ReservationsValidated },
  'waiting-list-promoted': { subject: waitingListPromotedSubject, component: WaitingListPromoted },
} as const satisfies Record<string, { subject: string; component: (props: never) => ReactElement; secrets?: readonly string[] }>;

export type EmailTemplateName = keyof typeof emailTemplates;
export type EmailTemplateProps<N extends EmailTemplateName> = Parameters<(typeof emailTemplates)[N]['component']>[0];
/** The props of a template that only the message sent may carry. */
export type SecretKey<N extends EmailTemplateName> = (typeof emailTemplates)[N] extends { secrets: readonly (infer K)[] }
  ? K & keyof EmailTemplateProps<N>
  : never;

export interface RenderedBody {
  html: string;
  text: string;
}

export const isTemplateName = (name: string): name is EmailTemplateName => Object.hasOwn(emailTemplates, name);

export function secretKeysOf(name: string): readonly string[] {
  if (!isTemplateName(name)) throw new Error(`Unknown e-mail template "${name}".`);
  const template = emailTemplates[name];
  return 'secrets' in template ? template.secrets : [];
}

/**
 * The HTML and plain-text parts of one template. Without `secrets`, the copy to keep: every secret
 * prop reads REDACTED_LINK, whatever the props hold. With them, the message to send, which needs
 * every secret the template declares.
 */
export async function renderTemplate(name: string, props: unknown, secrets?: Record<string, unknown> | null): Promise<RenderedBody> {
  if (!isTemplateName(name)) throw new Error(`Unknown e-mail template "${name}".`);
  const keys = secretKeysOf(name);
  let values: Record<string, unknown>;
  if (secrets) {
    const missing = keys.filter((key) => typeof secrets[key] !== 'string');
    if (missing.length > 0) throw new Error(`E-mail "${name}" cannot be sent without its ${missing.join(', ')}.`);
    values = { ...(props as object), ...secrets };
  } else {
    values = { ...(props as object), ...Object.fromEntries(keys.map((key) => [key, REDACTED_LINK])) };
  }
  const component = emailTemplates[name].component as (props: unknown) => ReactElement;
  const element = component(values);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text };
}
