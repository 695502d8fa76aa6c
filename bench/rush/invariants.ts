// What must hold after a rush, checked in SQL on the bench database: the days' limits, the waiting
// lists' ranks, and every request answered exactly once. A validation's outcomes name the child and
// the activity (as the result page shows them): they are resolved here to the family's child of that
// name and the activity's day of that date, so a family's children must have distinct names.
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client';

/** What a parent of the bench did: the (child, day) pairs clicked, and the validation it saw, if any. */
export interface ParentRecord {
  familyId: number;
  clicks: { childId: number; activityDayId: number }[];
  validated: boolean;
  validationId: number | null;
  /**
   * How many of the clicks the server accepted into the basket, when the client knows (a full day is
   * not offered, a refused click adds nothing): then the validation must answer that many of the
   * clicks; without it, every click.
   */
  acceptedClicks?: number;
}

export interface Violations {
  count: number;
  /** Violations per check; the checks that found none are listed with 0. */
  byCheck: Record<string, number>;
  /** The first few, in words. */
  examples: string[];
}

const answers = sql`
  answer as (
    select v.id as validation_id, v.family_id, o.value->>'result' as result, c.id as child_id, d.id as day_id,
           o.value->>'childName' as child_name, o.value->>'date' as date
    from basket_validations v
    cross join lateral jsonb_array_elements(v.outcomes) as o(value)
    left join children c on c.family_id = v.family_id and c.last_name || ' ' || c.first_name = o.value->>'childName'
    left join activities a on a.name = o.value->>'activityName'
    left join activity_days d on d.activity_id = a.id and d.date = (o.value->>'date')::date
    where o.value->>'action' = 'add'
  )`;

const parentsTable = (parents: ParentRecord[]) => {
  const rows = parents.map((p) => ({ f: p.familyId, ok: p.validated, v: p.validationId, n: p.acceptedClicks ?? null, c: p.clicks.map((c) => [c.childId, c.activityDayId]) }));
  return sql`
  parent as (select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as p(f int, ok boolean, v int, n int, c jsonb)),
  click as (select p.f as family_id, p.ok, p.v, p.n, (pair->>0)::int as child_id, (pair->>1)::int as day_id
            from parent p cross join lateral jsonb_array_elements(p.c) as pair)`;
};

/** Each check: a name and a query answering one line of text per violation. */
function checks(parents: ParentRecord[] | undefined) {
  const list: { name: string; query: ReturnType<typeof sql> }[] = [
    {
      name: 'dayOverCapacity',
      query: sql`select format('day %s (%s): %s places taken of %s', d.id, d.date, count(r.id), d.capacity) as line
        from activity_days d join reservations r on r.activity_day_id = d.id and r.status in ('pending', 'confirmed')
        group by d.id having count(r.id) > d.capacity`,
    },
    {
      name: 'dayOverWaitingList',
      query: sql`select format('day %s (%s): %s waiting of %s', d.id, d.date, count(r.id), d.waitlist_capacity) as line
        from activity_days d join reservations r on r.activity_day_id = d.id and r.status = 'waitlisted'
        group by d.id having count(r.id) > d.waitlist_capacity`,
    },
    {
      name: 'ranksNotContiguous',
      query: sql`select format('day %s: waiting-list ranks %s', activity_day_id, string_agg(waitlist_rank::text, ',' order by waitlist_rank)) as line
        from reservations where status = 'waitlisted' group by activity_day_id
        having min(waitlist_rank) <> 1 or max(waitlist_rank) <> count(*) or count(distinct waitlist_rank) <> count(*)`,
    },
    {
      name: 'ranksNotInRequestOrder',
      query: sql`select format('day %s: reservation %s (rank %s) was requested after reservation %s (rank %s)', activity_day_id, id, waitlist_rank, before_id, before_rank) as line
        from (select id, activity_day_id, waitlist_rank,
                     lag(waitlist_rank) over w as before_rank, lag(id) over w as before_id
              from reservations where status = 'waitlisted'
              window w as (partition by activity_day_id order by requested_at, id)) ordered
        where waitlist_rank < before_rank`,
    },
    {
      name: 'doubledReservation',
      query: sql`select format('child %s holds %s live reservations of day %s', child_id, count(*), activity_day_id) as line
        from reservations where status not in ('refused', 'cancelled') group by child_id, activity_day_id having count(*) > 1`,
    },
    {
      name: 'answerOfUnknownRequest',
      query: sql`with ${answers} select format('validation %s answers for « %s » on %s, no child or day of the family', validation_id, child_name, date) as line
        from answer where child_id is null or day_id is null`,
    },
    {
      name: 'requestAnsweredTwice',
      query: sql`with ${answers} select format('family %s: child %s, day %s answered %s times (validations %s)', family_id, child_id, day_id, count(*), string_agg(validation_id::text, ',')) as line
        from answer where child_id is not null and day_id is not null group by family_id, child_id, day_id having count(*) > 1`,
    },
    {
      name: 'acceptedWithoutReservation',
      query: sql`with ${answers} select format('validation %s answered « %s » for child %s, day %s: no such reservation', validation_id, result, child_id, day_id) as line
        from answer a where a.result in ('pending', 'waitlisted') and not exists (
          select 1 from reservations r where r.family_id = a.family_id and r.child_id = a.child_id and r.activity_day_id = a.day_id
            and r.status in ('pending', 'confirmed', 'waitlisted'))`,
    },
    {
      name: 'reservationWithoutAnswer',
      query: sql`with ${answers} select format('reservation %s (%s, child %s, day %s): no validation gave it', r.id, r.status, r.child_id, r.activity_day_id) as line
        from reservations r where r.status in ('pending', 'confirmed', 'waitlisted') and not exists (
          select 1 from answer a where a.family_id = r.family_id and a.child_id = r.child_id and a.day_id = r.activity_day_id and a.result in ('pending', 'waitlisted'))`,
    },
  ];
  if (!parents) return list;
  const withParents = (query: ReturnType<typeof sql>) => sql`with ${answers}, ${parentsTable(parents)} ${query}`;
  list.push(
    {
      name: 'validationNotFound',
      query: withParents(sql`select format('family %s saw validation %s: not recorded for it', p.f, p.v) as line
        from parent p where p.ok and not exists (select 1 from basket_validations v where v.id = p.v and v.family_id = p.f)`),
    },
    {
      name: 'requestWithoutAnswer',
      query: withParents(sql`select format('family %s validated (validation %s) but child %s, day %s has no answer', k.family_id, k.v, k.child_id, k.day_id) as line
        from click k where k.ok and k.n is null and not exists (select 1 from answer a where a.validation_id = k.v and a.child_id = k.child_id and a.day_id = k.day_id)
        union all
        select format('family %s validated (validation %s): %s clicks accepted, %s answered', p.f, p.v, p.n, answered.n) as line
        from parent p cross join lateral (select count(*) as n from answer a where a.validation_id = p.v) answered
        where p.ok and p.n is not null and answered.n < p.n`),
    },
    {
      name: 'requestLeftInBasket',
      query: withParents(sql`select format('family %s validated, yet child %s, day %s is still in its basket', b.family_id, i.child_id, i.activity_day_id) as line
        from baskets b join basket_items i on i.basket_id = b.id join parent p on p.f = b.family_id where p.ok`),
    },
    {
      name: 'answerToRequestNeverMade',
      query: withParents(sql`select format('family %s: validation %s answers child %s, day %s, never clicked', a.family_id, a.validation_id, a.child_id, a.day_id) as line
        from answer a join parent p on p.f = a.family_id
        where not exists (select 1 from click k where k.family_id = a.family_id and k.child_id = a.child_id and k.day_id = a.day_id)`),
    },
  );
  return list;
}

/**
 * Runs every check; with `parents` (what each parent of the bench clicked and which validation it
 * saw), also checks each click against the answers: a validated parent's every accepted click is
 * answered by its validation and nothing stays in its basket; no answer concerns a day nobody clicked.
 */
export async function checkInvariants(db: Db, parents?: ParentRecord[], { examplesPerCheck = 3 } = {}): Promise<Violations> {
  const byCheck: Record<string, number> = {};
  const examples: string[] = [];
  for (const { name, query } of checks(parents)) {
    const rows = rowsOf<{ line: string }>(await db.execute(query));
    byCheck[name] = rows.length;
    for (const row of rows.slice(0, examplesPerCheck)) examples.push(`${name}: ${row.line}`);
  }
  return { count: Object.values(byCheck).reduce((sum, n) => sum + n, 0), byCheck, examples };
}
