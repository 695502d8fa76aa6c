import { render } from '@react-email/render';
import type { ReactElement } from 'react';
import { EmailAddressTaken, emailAddressTakenSubject } from '@/emails/email-address-taken';
import { EmailChangeNotice, emailChangeNoticeSubject } from '@/emails/email-change-notice';
import { EmailChangeVerification, emailChangeVerificationSubject } from '@/emails/email-change-verification';
import { PasswordChanged, passwordChangedSubject } from '@/emails/password-changed';
import { PasswordReset, passwordResetSubject } from '@/emails/password-reset';
import { ReservationsValidated, reservationsValidatedSubject } from '@/emails/reservations-validated';

/**
 * Every e-mail the portal sends, by the name the outbox stores. The outbox keeps the name and the
 * props (plain JSON): a message is rendered when it is delivered or shown to staff, never inside
 * the transaction that queues it.
 */
export const emailTemplates = {
  'email-address-taken': { subject: emailAddressTakenSubject, component: EmailAddressTaken },
  'email-change-notice': { subject: emailChangeNoticeSubject, component: EmailChangeNotice },
  'email-change-verification': { subject: emailChangeVerificationSubject, component: EmailChangeVerification },
  'password-changed': { subject: passwordChangedSubject, component: PasswordChanged },
  'password-reset': { subject: passwordResetSubject, component: PasswordReset },
  'reservations-validated': { subject: reservationsValidatedSubject, component: ReservationsValidated },
} satisfies Record<string, { subject: string; component: (props: never) => ReactElement }>;

export type EmailTemplateName = keyof typeof emailTemplates;
export type EmailTemplateProps<N extends EmailTemplateName> = Parameters<(typeof emailTemplates)[N]['component']>[0];

export interface RenderedBody {
  html: string;
  text: string;
}

const isTemplateName = (name: string): name is EmailTemplateName => Object.hasOwn(emailTemplates, name);

/** The HTML and plain-text parts of one template with its props. */
export async function renderTemplate(name: string, props: unknown): Promise<RenderedBody> {
  if (!isTemplateName(name)) throw new Error(`Unknown e-mail template "${name}".`);
  const component = emailTemplates[name].component as (props: unknown) => ReactElement;
  const element = component(props);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text };
}
