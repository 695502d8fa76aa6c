import { sql } from 'drizzle-orm';
import {
  boolean,
  type AnyPgColumn,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  time,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

// Dates of the business (a consumption, an opening day) are calendar dates in Europe/Paris,
// stored as `date` and handled as 'YYYY-MM-DD' strings; instants are `timestamptz`.
const day = (name?: string) => (name ? date(name, { mode: 'string' }) : date({ mode: 'string' }));
const instant = () => timestamp({ withTimezone: true, mode: 'date' });
const id = () => integer().primaryKey().generatedAlwaysAsIdentity();

export const userRole = pgEnum('user_role', ['family', 'agent', 'admin']);

export const families = pgTable('families', {
  id: id(),
  // The account code the town gives a family (also the main guardian's login by default).
  identifier: text().notNull().unique(),
  name: text().notNull(),
  address: text(),
  createdAt: instant().notNull().defaultNow(),
});

// A person with a login: a guardian of a family (role `family`) or a member of the town staff.
export const users = pgTable(
  'users',
  {
    id: id(),
    role: userRole().notNull(),
    familyId: integer().references(() => families.id, { onDelete: 'restrict' }),
    login: text().notNull(),
    email: text(),
    firstName: text().notNull(),
    lastName: text().notNull(),
    phone: text(),
    passwordHash: text().notNull(),
    // Bumped on password change: JWTs carrying an older version are no longer accepted.
    sessionVersion: integer().notNull().default(0),
    isPayer: boolean().notNull().default(false),
    active: boolean().notNull().default(true),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_login_unique').on(sql`lower(${t.login})`),
    uniqueIndex('users_email_unique').on(sql`lower(${t.email})`),
    // A family's guardians: who gets a validation's e-mail, read by every « Valider ».
    index('users_family_idx').on(t.familyId),
    check('users_family_role', sql`(${t.role} = 'family') = (${t.familyId} is not null)`),
  ],
);

export const authTokenPurpose = pgEnum('auth_token_purpose', ['password_reset', 'email_change']);

// Single-use links (password reset, e-mail verification); only a hash of the token is kept.
export const authTokens = pgTable(
  'auth_tokens',
  {
    id: id(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: authTokenPurpose().notNull(),
    tokenHash: text().notNull().unique(),
    newEmail: text(),
    expiresAt: instant().notNull(),
    usedAt: instant(),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [index('auth_tokens_user_idx').on(t.userId)],
);

// One row per login: the session cookie names it, so a logout ends that session on the server,
// and idle and absolute limits hold whatever the cookie says.
export const sessions = pgTable(
  'sessions',
  {
    id: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: instant().notNull(),
    lastSeenAt: instant().notNull(),
    endedAt: instant(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: id(),
    identifier: text().notNull(),
    ip: text().notNull(),
    succeeded: boolean().notNull(),
    attemptedAt: instant().notNull(),
  },
  (t) => [
    index('login_attempts_identifier_idx').on(t.identifier, t.attemptedAt),
    index('login_attempts_ip_idx').on(t.ip, t.attemptedAt),
  ],
);

// A person's authenticator app (TOTP, RFC 6238). The secret is encrypted with a key derived from
// AUTH_SECRET (lib/second-factor/secret-box.ts): a leaked table gives no working codes.
export const totpFactors = pgTable('totp_factors', {
  userId: integer()
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  secretCiphertext: text().notNull(),
  // Null while the enrolment awaits its first code; the factor counts only once confirmed.
  confirmedAt: instant(),
  // The last 30-second step whose code was accepted: a code is never accepted twice.
  lastUsedStep: integer(),
  createdAt: instant().notNull().defaultNow(),
});

// Single-use codes for when the authenticator app is lost; only a SHA-256 hash is kept.
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: id(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text().notNull(),
    usedAt: instant(),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [uniqueIndex('recovery_codes_user_hash_unique').on(t.userId, t.codeHash)],
);

// A guardian's private calendar feed (the children's days, for a phone's calendar app): one per
// guardian, reached by a long random token of which only a SHA-256 hash is kept. Deleting the row
// turns the feed off; replacing the hash kills the old address.
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    userId: integer()
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text().notNull(),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [uniqueIndex('calendar_feeds_token_hash_unique').on(t.tokenHash)],
);

export const children = pgTable(
  'children',
  {
    id: id(),
    familyId: integer()
      .notNull()
      .references(() => families.id, { onDelete: 'restrict' }),
    firstName: text().notNull(),
    lastName: text().notNull(),
    birthDate: day().notNull(),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [
    index('children_family_idx').on(t.familyId),
    // The target of the composite keys that tie a child's rows to the child's own family.
    unique('children_id_family_unique').on(t.id, t.familyId),
  ],
);

export const walletTypes = pgTable('wallet_types', {
  id: id(),
  code: text().notNull().unique(),
  label: text().notNull(),
  position: integer().notNull().default(0),
});

export const wallets = pgTable(
  'wallets',
  {
    id: id(),
    familyId: integer()
      .notNull()
      .references(() => families.id, { onDelete: 'restrict' }),
    walletTypeId: integer()
      .notNull()
      .references(() => walletTypes.id, { onDelete: 'restrict' }),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [uniqueIndex('wallets_family_type_unique').on(t.familyId, t.walletTypeId)],
);

export const activityApproval = pgEnum('activity_approval', ['automatic', 'manual']);

export const activities = pgTable(
  'activities',
  {
    id: id(),
    code: text().notNull().unique(),
    name: text().notNull(),
    walletTypeId: integer()
      .notNull()
      .references(() => walletTypes.id, { onDelete: 'restrict' }),
    unitPriceCents: integer().notNull(),
    // Units consumed per day: "ALSH 3-6 Journée" is 2 × 6,65 €.
    quantity: integer().notNull().default(1),
    arrivalTime: time().notNull(),
    departureTime: time().notNull(),
    // Age in whole years on the day attended: min inclusive, max exclusive (3-6 ans = [3, 6)).
    minAgeYears: integer().notNull(),
    maxAgeYears: integer().notNull(),
    defaultCapacity: integer().notNull(),
    defaultWaitlistCapacity: integer().notNull().default(0),
    // Modification deadline: `deadlineDays` days before the day, at `deadlineTime` (Paris).
    deadlineDays: integer().notNull().default(2),
    deadlineTime: time().notNull().default('12:00'),
    deadlineCountsWorkingDays: boolean().notNull().default(false),
    approval: activityApproval().notNull().default('automatic'),
    // Waiting lists are served (promoted in rank order) until this many days before the day; closer
    // than that, a free place goes to whoever asks first.
    promotionLeadDays: integer().notNull().default(2),
    active: boolean().notNull().default(true),
  },
  (t) => [
    check('activities_price_nonnegative', sql`${t.unitPriceCents} >= 0`),
    check('activities_quantity_positive', sql`${t.quantity} > 0`),
    check('activities_capacity_nonnegative', sql`${t.defaultCapacity} >= 0`),
    check('activities_waitlist_nonnegative', sql`${t.defaultWaitlistCapacity} >= 0`),
    check('activities_deadline_nonnegative', sql`${t.deadlineDays} >= 0`),
    check('activities_promotion_lead_nonnegative', sql`${t.promotionLeadDays} >= 0`),
    check('activities_age_range', sql`0 <= ${t.minAgeYears} and ${t.minAgeYears} < ${t.maxAgeYears}`),
    check('activities_times', sql`${t.arrivalTime} < ${t.departureTime}`),
  ],
);

// An activity's prices by quotient familial (QF): a family whose QF in force on a day falls in
// [qfMin, qfMax] (qfMax null: no upper bound) pays `unitPriceCents` per unit that day; an unknown QF,
// or one no bracket covers, pays the activity's own unit price. Brackets of one activity never
// overlap: checked under the activity's row lock (lib/activities/price-brackets.ts).
export const activityPriceBrackets = pgTable(
  'activity_price_brackets',
  {
    id: id(),
    activityId: integer()
      .notNull()
      .references(() => activities.id, { onDelete: 'restrict' }),
    qfMin: integer().notNull(),
    qfMax: integer(),
    unitPriceCents: integer().notNull(),
  },
  (t) => [
    index('activity_price_brackets_activity_idx').on(t.activityId, t.qfMin),
    check('activity_price_brackets_min_nonnegative', sql`${t.qfMin} >= 0`),
    check('activity_price_brackets_range', sql`${t.qfMax} is null or ${t.qfMax} >= ${t.qfMin}`),
    check('activity_price_brackets_price_nonnegative', sql`${t.unitPriceCents} >= 0`),
  ],
);

export const quotientSource = pgEnum('quotient_source', ['caf', 'avis_imposition', 'autre']);

// A family's quotient familial, valid from `validFrom` to `validTo` (both included), with the paper
// it comes from. The validity periods of one family never overlap: checked under the family's row
// lock (lib/families/quotients.ts). A record is never updated; a mistake is deleted (audited).
export const familyQuotients = pgTable(
  'family_quotients',
  {
    id: id(),
    familyId: integer()
      .notNull()
      .references(() => families.id, { onDelete: 'restrict' }),
    quotient: integer().notNull(),
    validFrom: day().notNull(),
    validTo: day().notNull(),
    source: quotientSource().notNull(),
    recordedBy: integer().references(() => users.id),
    recordedAt: instant().notNull(),
  },
  (t) => [
    index('family_quotients_family_idx').on(t.familyId, t.validFrom),
    check('family_quotients_quotient_nonnegative', sql`${t.quotient} >= 0`),
    check('family_quotients_validity', sql`${t.validFrom} <= ${t.validTo}`),
  ],
);

export const bookingPeriods = pgTable(
  'booking_periods',
  {
    id: id(),
    label: text().notNull(),
    startsOn: day().notNull(),
    endsOn: day().notNull(),
    // "Date d'ouverture des réservations": families may book from opensAt until closesAt.
    opensAt: instant().notNull(),
    closesAt: instant().notNull(),
  },
  (t) => [
    check('booking_periods_dates', sql`${t.startsOn} <= ${t.endsOn}`),
    check('booking_periods_window', sql`${t.opensAt} < ${t.closesAt}`),
  ],
);

export const activityDays = pgTable(
  'activity_days',
  {
    id: id(),
    activityId: integer()
      .notNull()
      .references(() => activities.id, { onDelete: 'restrict' }),
    bookingPeriodId: integer()
      .notNull()
      .references(() => bookingPeriods.id, { onDelete: 'restrict' }),
    date: day().notNull(),
    capacity: integer().notNull(),
    waitlistCapacity: integer().notNull(),
    // Closed by the town (a strike, a closure): kept with its history, no longer bookable.
    closed: boolean().notNull().default(false),
  },
  (t) => [
    uniqueIndex('activity_days_activity_date_unique').on(t.activityId, t.date),
    index('activity_days_period_idx').on(t.bookingPeriodId),
    check('activity_days_capacity_nonnegative', sql`${t.capacity} >= 0`),
    check('activity_days_waitlist_nonnegative', sql`${t.waitlistCapacity} >= 0`),
  ],
);

export const reservationStatus = pgEnum('reservation_status', [
  'pending',
  'confirmed',
  'waitlisted',
  'refused',
  'cancelled',
  'attended',
  'absent',
]);

export const reservations = pgTable(
  'reservations',
  {
    id: id(),
    familyId: integer()
      .notNull()
      .references(() => families.id, { onDelete: 'restrict' }),
    childId: integer().notNull(),
    activityDayId: integer()
      .notNull()
      .references(() => activityDays.id, { onDelete: 'restrict' }),
    status: reservationStatus().notNull(),
    waitlistRank: integer(),
    absenceJustified: boolean(),
    requestedAt: instant().notNull(),
    requestedBy: integer().references(() => users.id),
    remarks: text(),
    // The unit price fixed when "Valider" created the reservation (the family's QF bracket that
    // day): the price posted, whatever the family's QF or the grid become. Null on reservations
    // made before prices by QF: they are priced by the rule of the day they are posted.
    unitPriceCents: integer(),
    // When the overnight transmission turned the request into a reservation (automatic approval).
    transmittedAt: instant(),
    updatedAt: instant().notNull().defaultNow(),
    // The `updatedAt` of the last state the family's daily report told about: a reservation whose
    // `updatedAt` differs has a change to report (sendDailyReports).
    reportedAt: instant(),
  },
  (t) => [
    // The child is one of the reservation's family's children.
    foreignKey({
      name: 'reservations_child_family_fk',
      columns: [t.childId, t.familyId],
      foreignColumns: [children.id, children.familyId],
    }).onDelete('restrict'),
    // One live reservation per child and opening day; refused and cancelled ones are history.
    uniqueIndex('reservations_live_unique')
      .on(t.childId, t.activityDayId)
      .where(sql`${t.status} not in ('refused', 'cancelled')`),
    index('reservations_day_status_idx').on(t.activityDayId, t.status),
    index('reservations_family_idx').on(t.familyId),
    check(
      'reservations_rank_only_waitlisted',
      sql`(${t.status} = 'waitlisted') = (${t.waitlistRank} is not null)`,
    ),
    check('reservations_rank_positive', sql`${t.waitlistRank} is null or ${t.waitlistRank} > 0`),
    check('reservations_price_nonnegative', sql`${t.unitPriceCents} is null or ${t.unitPriceCents} >= 0`),
  ],
);

export const basketAction = pgEnum('basket_action', ['add', 'remove']);

// A family's requests before "Valider": one open basket per family, across children and activities.
export const baskets = pgTable('baskets', {
  id: id(),
  familyId: integer()
    .notNull()
    .unique()
    .references(() => families.id, { onDelete: 'cascade' }),
  remarks: text(),
  // Bumped on every change: the recap's "Valider" names the version it shows.
  version: integer().notNull().default(0),
  updatedAt: instant().notNull().defaultNow(),
});

// What one "Valider" of a basket did; its key makes a repeated submission return the same result.
export const basketValidations = pgTable(
  'basket_validations',
  {
    id: id(),
    familyId: integer()
      .notNull()
      .references(() => families.id, { onDelete: 'restrict' }),
    submissionKey: text().notNull().unique(),
    outcomes: jsonb().notNull(),
    remarks: text(),
    validatedBy: integer().references(() => users.id),
    validatedAt: instant().notNull(),
  },
  (t) => [index('basket_validations_family_idx').on(t.familyId)],
);

export const basketItems = pgTable(
  'basket_items',
  {
    id: id(),
    basketId: integer()
      .notNull()
      .references(() => baskets.id, { onDelete: 'cascade' }),
    childId: integer()
      .notNull()
      .references(() => children.id, { onDelete: 'cascade' }),
    activityDayId: integer()
      .notNull()
      .references(() => activityDays.id, { onDelete: 'cascade' }),
    action: basketAction().notNull(),
    addedAt: instant().notNull().defaultNow(),
  },
  (t) => [uniqueIndex('basket_items_unique').on(t.basketId, t.childId, t.activityDayId)],
);

export const consumptions = pgTable(
  'consumptions',
  {
    id: id(),
    familyId: integer()
      .notNull()
      .references(() => families.id, { onDelete: 'restrict' }),
    childId: integer()
      .notNull()
      .references(() => children.id, { onDelete: 'restrict' }),
    activityId: integer()
      .notNull()
      .references(() => activities.id, { onDelete: 'restrict' }),
    walletId: integer()
      .notNull()
      .references(() => wallets.id, { onDelete: 'restrict' }),
    reservationId: integer()
      .unique()
      .references(() => reservations.id, { onDelete: 'restrict' }),
    date: day().notNull(),
    unitPriceCents: integer().notNull(),
    quantity: integer().notNull(),
    totalCents: integer().notNull(),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [
    index('consumptions_family_date_idx').on(t.familyId, t.date),
    check('consumptions_quantity_positive', sql`${t.quantity} > 0`),
    check('consumptions_price_nonnegative', sql`${t.unitPriceCents} >= 0`),
    check('consumptions_total', sql`${t.totalCents} = ${t.unitPriceCents} * ${t.quantity}`),
  ],
);

export const paymentMode = pgEnum('payment_mode', ['CH', 'ESP', 'CB', 'PRLV', 'CESU', 'ANCV']);
// A desk payment is recorded `paid`. A card payment starts `initiated` (before the parent leaves
// for the gateway) and only a verified gateway answer settles it: `paid` (wallets credited, once),
// `refused` (the bank said no), `abandoned` (the parent gave up) or `expired` (never finished).
export const paymentStatus = pgEnum('payment_status', ['initiated', 'paid', 'refused', 'abandoned', 'expired']);

// Money received, at the desk or by card (lib/payments).
export const payments = pgTable(
  'payments',
  {
    id: id(),
    familyId: integer()
      .notNull()
      .references(() => families.id, { onDelete: 'restrict' }),
    mode: paymentMode().notNull(),
    status: paymentStatus().notNull(),
    amountCents: integer().notNull(),
    receivedOn: day(),
    pieceNumber: text(),
    payerName: text().notNull(),
    bankName: text(),
    /** The card gateway (`sandbox`, `payfip`); null for a desk payment. */
    gateway: text(),
    /** The gateway's transaction id (PayFiP's idOp): one payment per gateway transaction. */
    gatewayReference: text(),
    /** Our reference, given to the gateway before the parent leaves for it (PayFiP's refdet). */
    reference: text().unique(),
    /** Where the confirmation e-mail goes (card payments). */
    email: text(),
    /** The gateway's own words for the outcome (result code, authorisation number), for staff. */
    gatewayResult: jsonb(),
    /** When a verified gateway answer settled the payment (paid, refused, abandoned, expired). */
    settledAt: instant(),
    recordedBy: integer().references(() => users.id),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [
    index('payments_family_idx').on(t.familyId, t.receivedOn),
    uniqueIndex('payments_gateway_reference_unique').on(t.gateway, t.gatewayReference),
    index('payments_initiated_idx').on(t.createdAt).where(sql`${t.status} = 'initiated'`),
    check('payments_amount_positive', sql`${t.amountCents} > 0`),
    check('payments_received_when_paid', sql`${t.status} <> 'paid' or ${t.receivedOn} is not null`),
    check('payments_card_has_reference', sql`${t.gateway} is null or ${t.reference} is not null`),
  ],
);

export const paymentAllocations = pgTable(
  'payment_allocations',
  {
    id: id(),
    paymentId: integer()
      .notNull()
      .references(() => payments.id, { onDelete: 'restrict' }),
    walletId: integer()
      .notNull()
      .references(() => wallets.id, { onDelete: 'restrict' }),
    amountCents: integer().notNull(),
  },
  (t) => [
    uniqueIndex('payment_allocations_unique').on(t.paymentId, t.walletId),
    check('payment_allocations_amount_positive', sql`${t.amountCents} > 0`),
  ],
);

export const paymentNotificationOutcome = pgEnum('payment_notification_outcome', ['settled', 'unchanged', 'pending', 'rejected']);

// Every notification a gateway (or someone pretending to be one) sent, with what came of it: the
// trail staff read when a parent says "I paid". Forged and unknown ones are kept too (`rejected`).
export const paymentNotifications = pgTable(
  'payment_notifications',
  {
    id: id(),
    gateway: text().notNull(),
    receivedAt: instant().notNull(),
    paymentId: integer().references(() => payments.id, { onDelete: 'restrict' }),
    transactionId: text(),
    outcome: paymentNotificationOutcome().notNull(),
    /** Why it was rejected, or the status it settled. */
    detail: text(),
    sourceIp: text(),
  },
  (t) => [index('payment_notifications_payment_idx').on(t.paymentId), index('payment_notifications_received_idx').on(t.receivedAt)],
);

// The sandbox gateway's own bank (PAYMENT_GATEWAY=sandbox): the operations its test card page
// handles, so that it can answer a reconciliation as a real gateway does.
export const sandboxBankOperations = pgTable('sandbox_bank_operations', {
  transactionId: text().primaryKey(),
  reference: text().notNull(),
  amountCents: integer().notNull(),
  email: text(),
  notifyUrl: text().notNull(),
  returnUrl: text().notNull(),
  /** null until the card page decides: P paid, R refused, A abandoned. */
  result: text(),
  cardLast4: text(),
  createdAt: instant().notNull(),
  decidedAt: instant(),
});

export const walletEntryKind = pgEnum('wallet_entry_kind', ['consumption', 'payment', 'correction']);

// The append-only ledger: a wallet's balance is the sum of its entries. A consumption or a
// payment allocation is posted at most once (unique), a correction is a new reversing entry.
export const walletEntries = pgTable(
  'wallet_entries',
  {
    id: id(),
    walletId: integer()
      .notNull()
      .references(() => wallets.id, { onDelete: 'restrict' }),
    kind: walletEntryKind().notNull(),
    amountCents: integer().notNull(),
    occurredOn: day().notNull(),
    label: text().notNull(),
    consumptionId: integer()
      .unique()
      .references(() => consumptions.id, { onDelete: 'restrict' }),
    paymentAllocationId: integer()
      .unique()
      .references(() => paymentAllocations.id, { onDelete: 'restrict' }),
    reversesEntryId: integer(),
    createdBy: integer().references(() => users.id),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [
    index('wallet_entries_wallet_idx').on(t.walletId),
    // A correction reverses another entry at most once, and only an entry that exists.
    uniqueIndex('wallet_entries_reverses_entry_unique').on(t.reversesEntryId).where(sql`${t.reversesEntryId} is not null`),
    foreignKey({ columns: [t.reversesEntryId], foreignColumns: [t.id], name: 'wallet_entries_reverses_entry_fk' }).onDelete('restrict'),
    check('wallet_entries_amount_nonzero', sql`${t.amountCents} <> 0`),
    check(
      'wallet_entries_source',
      sql`(${t.kind} = 'consumption') = (${t.consumptionId} is not null)
        and (${t.kind} = 'payment') = (${t.paymentAllocationId} is not null)`,
    ),
  ],
);

export const newsItems = pgTable('news_items', {
  id: id(),
  title: text().notNull(),
  body: text().notNull(),
  visibleFrom: day().notNull(),
  visibleUntil: day(),
  createdBy: integer().references(() => users.id),
  createdAt: instant().notNull().defaultNow(),
});

// Restauration menus, one per school day.
export const menus = pgTable('menus', {
  id: id(),
  date: day().notNull().unique(),
  starter: text(),
  mainCourse: text().notNull(),
  side: text(),
  dessert: text(),
});

export const emailStatus = pgEnum('email_status', ['pending', 'sent', 'failed']);

// The outbox: written in the same transaction as the change that causes the e-mail.
export const outboundEmails = pgTable(
  'outbound_emails',
  {
    id: id(),
    toAddress: text().notNull(),
    subject: text().notNull(),
    template: text().notNull(),
    // The template's props: the message is rendered at delivery, outside the writer's locks.
    props: jsonb(),
    // The props that must not be kept (links with a token): read only to send the message, set
    // to null once it is sent or given up. Every kept copy shows them redacted.
    secrets: jsonb(),
    // What was sent, links redacted, stored once delivered (and given at queueing by messages older than props).
    html: text(),
    text: text(),
    familyId: integer().references(() => families.id, { onDelete: 'set null' }),
    status: emailStatus().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    lastError: text(),
    nextAttemptAt: instant().notNull().defaultNow(),
    providerMessageId: text(),
    createdAt: instant().notNull().defaultNow(),
    sentAt: instant(),
    // A copy queued by staff ("Renvoyer"): the message it copies. At most one copy of a message waits at a time.
    resentFromId: integer().references((): AnyPgColumn => outboundEmails.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('outbound_emails_status_idx').on(t.status, t.nextAttemptAt),
    uniqueIndex('outbound_emails_one_waiting_resend').on(t.resentFromId).where(sql`${t.status} = 'pending'`),
    check('outbound_emails_body', sql`${t.props} is not null or (${t.html} is not null and ${t.text} is not null)`),
  ],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    actorUserId: integer().references(() => users.id),
    actorRole: text().notNull(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    familyId: integer().references(() => families.id, { onDelete: 'set null' }),
    details: jsonb(),
    at: instant().notNull(),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_family_idx').on(t.familyId)],
);

export const jobRunStatus = pgEnum('job_run_status', ['running', 'succeeded', 'failed']);

export const jobRuns = pgTable(
  'job_runs',
  {
    id: id(),
    job: text().notNull(),
    trigger: text().notNull(),
    status: jobRunStatus().notNull(),
    startedAt: instant().notNull(),
    finishedAt: instant(),
    report: jsonb(),
    error: text(),
  },
  (t) => [index('job_runs_job_idx').on(t.job, t.startedAt)],
);
