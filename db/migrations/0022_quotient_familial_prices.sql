-- Prices by quotient familial (issue 14). The unit price a family pays for an activity on a day:
-- the bracket of the activity's grid holding the family's QF in force that day, else (no QF known
-- that day, or none of the brackets holds it) the activity's own unit price. The one statement of
-- the rule: the recap and "Valider" read it before the locks (lib/reservations/facts.ts,
-- basketRequests), Soldes' estimate and the posting of consumptions for reservations without a
-- fixed price (made before this migration, or written by hand).
CREATE FUNCTION family_unit_price_cents(p_activity_id integer, p_family_id integer, p_on date) RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    (SELECT b.unit_price_cents
       FROM family_quotients q
       JOIN activity_price_brackets b ON b.activity_id = p_activity_id AND b.qf_min <= q.quotient AND (b.qf_max IS NULL OR q.quotient <= b.qf_max)
      WHERE q.family_id = p_family_id AND q.valid_from <= p_on AND p_on <= q.valid_to
      ORDER BY b.qf_min
      LIMIT 1),
    (SELECT a.unit_price_cents FROM activities a WHERE a.id = p_activity_id))
$$;
--> statement-breakpoint
-- validate_basket (migrations 0018 and 0019, which describe it), with one change: each addition
-- carries the unit price the application read before the locks (`unitPriceCents`, the family's
-- bracket that day), and the reservation keeps it (reservations.unit_price_cents): the price is
-- fixed at validation, and a later change of the family's QF or of the grid does not change it.
CREATE OR REPLACE FUNCTION validate_basket(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_family integer := (p->>'familyId')::integer;
  -- Set once the days are locked (below).
  v_validated_at timestamptz;
  v_remarks text;
  v_recipients jsonb;
  v_actor_id integer := (p->>'actorId')::integer;
  v_actor_role text := p->>'actorRole';
  v_outcomes jsonb := p->'outcomes';
  v_statuses text[] := '{}';
  v_audits jsonb := '[]';
  v_freed integer[] := '{}';
  v_basket record;
  v_done record;
  v_day record;
  v_cancellation jsonb;
  v_addition jsonb;
  v_overlap jsonb;
  v_held record;
  v_refusal text;
  v_decision jsonb;
  v_count jsonb;
  v_counts jsonb := '{}';
  v_new_id integer;
  v_validation_id integer;
  v_i integer;
BEGIN
  PERFORM set_config('lock_timeout', p->>'lockTimeout', true);

  -- Level 1: the family's basket, at the version the recap showed.
  SELECT b.id, b.version, b.remarks INTO v_basket FROM baskets b WHERE b.id = (p->>'basketId')::integer AND b.family_id = v_family FOR UPDATE;
  IF NOT FOUND THEN
    SELECT v.id, v.validated_at, v.outcomes INTO v_done FROM basket_validations v
      WHERE v.submission_key = p->>'submissionKey' AND v.family_id = v_family;
    IF FOUND THEN
      RETURN jsonb_build_object('status', 'done', 'validationId', v_done.id, 'validatedAt', v_done.validated_at, 'outcomes', v_done.outcomes);
    END IF;
    RETURN jsonb_build_object('status', 'gone');
  END IF;
  IF v_basket.version <> (p->>'version')::integer THEN
    RETURN jsonb_build_object('status', 'changed');
  END IF;
  DELETE FROM baskets b WHERE b.id = v_basket.id;
  -- The remarks typed on the recap, else the basket's; who gets the e-mail: each active guardian with an address.
  v_remarks := CASE WHEN p ? 'remarks' THEN p->>'remarks' ELSE v_basket.remarks END;
  SELECT coalesce(jsonb_agg(jsonb_build_object('to', u.email, 'firstName', u.first_name) ORDER BY u.id), '[]'::jsonb) INTO v_recipients
    FROM users u WHERE u.family_id = v_family AND u.active AND u.email IS NOT NULL;

  -- Level 2: the days, by ascending id, with their capacities as the locks find them. Without
  -- lockDays (the test-only control of validate.ts, unsafeWithoutLocking) they are read unlocked.
  IF coalesce((p->>'lockDays')::boolean, true) THEN
    FOR v_day IN
      SELECT d.id, d.capacity, d.waitlist_capacity FROM activity_days d
      WHERE d.id IN (SELECT value::integer FROM jsonb_array_elements_text(p->'dayIds'))
      ORDER BY d.id
      FOR UPDATE OF d
    LOOP
      v_counts := v_counts || jsonb_build_object(v_day.id::text, jsonb_build_object('capacity', v_day.capacity, 'waitlistCapacity', v_day.waitlist_capacity));
    END LOOP;
  ELSE
    FOR v_day IN
      SELECT d.id, d.capacity, d.waitlist_capacity FROM activity_days d
      WHERE d.id IN (SELECT value::integer FROM jsonb_array_elements_text(p->'dayIds'))
    LOOP
      v_counts := v_counts || jsonb_build_object(v_day.id::text, jsonb_build_object('capacity', v_day.capacity, 'waitlistCapacity', v_day.waitlist_capacity));
    END LOOP;
  END IF;

  -- The validation's time, for everything it writes: the application's clock (`now`, kept so that a
  -- test's clock still decides it), yet 1 µs after the latest reservation of any of its locked days.
  -- `now` alone was read before waiting for the locks, so two validations could stamp in one order
  -- and lock in the other (issue 13). Only validate_basket creates reservations, each under its
  -- day's lock held until the commit, and this statement reads a snapshot taken after the locks: so
  -- on every day, requested_at grows strictly with the order of the locks, the order the waiting-list
  -- ranks are given in. One validation's reservations share its time, in the order of their ids.
  SELECT greatest((p->>'now')::timestamptz, max(r.requested_at) + interval '1 microsecond') INTO v_validated_at
    FROM reservations r WHERE r.activity_day_id IN (SELECT key::integer FROM jsonb_each(v_counts));

  -- Cancellations first, in plan order, each as it stands now: a rank is the one it holds once the
  -- earlier ones moved up; a reservation ended meanwhile has nothing left to cancel.
  FOR v_cancellation IN SELECT value FROM jsonb_array_elements(p->'cancellations') LOOP
    v_i := (v_cancellation->>'outcome')::integer;
    SELECT r.status::text AS status, r.waitlist_rank AS rank INTO v_held FROM reservations r
      WHERE r.id = (v_cancellation->>'reservationId')::integer AND r.family_id = v_family;
    IF NOT FOUND OR v_held.status IN ('refused', 'cancelled') THEN
      v_outcomes := jsonb_set(v_outcomes, ARRAY[v_i::text], (v_outcomes->v_i) || jsonb_build_object('result', 'unchanged', 'reason', p->>'nothingToCancel'));
      CONTINUE;
    END IF;
    IF v_held.status NOT IN ('pending', 'confirmed', 'waitlisted') THEN
      v_outcomes := jsonb_set(v_outcomes, ARRAY[v_i::text], (v_outcomes->v_i) || jsonb_build_object('result', 'refused', 'reason', p->>'deadlineReason'));
      CONTINUE;
    END IF;
    UPDATE reservations r SET status = 'cancelled', waitlist_rank = NULL, updated_at = v_validated_at, reported_at = v_validated_at
      WHERE r.id = (v_cancellation->>'reservationId')::integer;
    IF v_held.status = 'waitlisted' THEN
      UPDATE reservations r SET waitlist_rank = r.waitlist_rank - 1, updated_at = v_validated_at
        WHERE r.activity_day_id = (v_cancellation->>'activityDayId')::integer AND r.status = 'waitlisted' AND r.waitlist_rank > v_held.rank;
    ELSE
      v_freed := v_freed || (v_cancellation->>'activityDayId')::integer;
    END IF;
    v_outcomes := jsonb_set(v_outcomes, ARRAY[v_i::text], (v_outcomes->v_i) || jsonb_build_object('result', 'cancelled'));
    v_audits := v_audits || jsonb_build_array(jsonb_build_object(
      'action', 'reservation.cancel', 'entityType', 'reservation', 'entityId', v_cancellation->>'reservationId',
      'details', jsonb_build_object('date', v_cancellation->'date', 'activityId', v_cancellation->'activityId', 'childId', v_cancellation->'childId', 'previousStatus', v_held.status)));
  END LOOP;

  -- The counts, read once the days are locked and this basket's cancellations applied.
  FOR v_day IN
    SELECT r.activity_day_id AS id,
           count(*) FILTER (WHERE r.status IN ('pending', 'confirmed'))::integer AS taken,
           count(*) FILTER (WHERE r.status = 'waitlisted')::integer AS waiting
    FROM reservations r
    WHERE r.activity_day_id IN (SELECT key::integer FROM jsonb_each(v_counts)) AND r.status IN ('pending', 'confirmed', 'waitlisted')
    GROUP BY r.activity_day_id
  LOOP
    v_counts := jsonb_set(v_counts, ARRAY[v_day.id::text], (v_counts->(v_day.id::text)) || jsonb_build_object('taken', v_day.taken, 'waiting', v_day.waiting));
  END LOOP;

  -- Each addition in request order: refused if it overlaps an earlier addition that got a place or
  -- a rank, else the capacity rule on the counts so far.
  FOR v_addition IN SELECT value FROM jsonb_array_elements(p->'additions') LOOP
    v_i := (v_addition->>'outcome')::integer;
    v_refusal := NULL;
    FOR v_overlap IN SELECT value FROM jsonb_array_elements(v_addition->'overlaps') LOOP
      v_refusal := CASE v_statuses[(v_overlap->>'addition')::integer + 1]
        WHEN 'pending' THEN v_overlap->>'reserved'
        WHEN 'waitlisted' THEN v_overlap->>'waitlisted'
      END;
      EXIT WHEN v_refusal IS NOT NULL;
    END LOOP;
    IF v_refusal IS NOT NULL THEN
      v_statuses := v_statuses || 'refused'::text;
      v_outcomes := jsonb_set(v_outcomes, ARRAY[v_i::text], (v_outcomes->v_i) || jsonb_build_object('result', 'refused', 'reason', v_refusal));
      CONTINUE;
    END IF;
    v_count := v_counts->(v_addition->>'activityDayId');
    v_decision := reservation_capacity_decision(
      coalesce((v_count->>'taken')::integer, 0), coalesce((v_count->>'waiting')::integer, 0),
      (v_count->>'capacity')::integer, (v_count->>'waitlistCapacity')::integer,
      (v_addition->>'insidePromotionLead')::boolean, coalesce((p->>'firstComeToFreePlaces')::boolean, false));
    v_statuses := v_statuses || (v_decision->>'result');
    IF v_decision->>'result' = 'refused' THEN
      v_outcomes := jsonb_set(v_outcomes, ARRAY[v_i::text], (v_outcomes->v_i) || jsonb_build_object('result', 'refused', 'reason', p->>'fullReason'));
      CONTINUE;
    END IF;
    IF v_decision->>'result' = 'pending' THEN
      v_count := v_count || jsonb_build_object('taken', coalesce((v_count->>'taken')::integer, 0) + 1);
    ELSE
      v_count := v_count || jsonb_build_object('waiting', coalesce((v_count->>'waiting')::integer, 0) + 1);
    END IF;
    v_counts := jsonb_set(v_counts, ARRAY[v_addition->>'activityDayId'], v_count);
    INSERT INTO reservations (family_id, child_id, activity_day_id, status, waitlist_rank, requested_at, requested_by, remarks, updated_at, reported_at, unit_price_cents)
      VALUES (v_family, (v_addition->>'childId')::integer, (v_addition->>'activityDayId')::integer, (v_decision->>'result')::reservation_status,
              (v_decision->>'rank')::integer, v_validated_at, v_actor_id, v_remarks, v_validated_at, v_validated_at, (v_addition->>'unitPriceCents')::integer)
      RETURNING id INTO v_new_id;
    v_outcomes := jsonb_set(v_outcomes, ARRAY[v_i::text], (v_outcomes->v_i) || jsonb_build_object('result', v_decision->>'result', 'waitlistRank', v_decision->'rank'));
    v_audits := v_audits || jsonb_build_array(jsonb_build_object(
      'action', 'reservation.request', 'entityType', 'reservation', 'entityId', v_new_id::text,
      'details', jsonb_build_object('date', v_addition->'date', 'activityDayId', (v_addition->>'activityDayId')::integer, 'childId', (v_addition->>'childId')::integer,
                                    'status', v_decision->>'result', 'waitlistRank', v_decision->'rank')));
  END LOOP;

  INSERT INTO basket_validations (family_id, submission_key, outcomes, remarks, validated_by, validated_at)
    VALUES (v_family, p->>'submissionKey', v_outcomes, v_remarks, v_actor_id, v_validated_at)
    RETURNING id INTO v_validation_id;
  v_audits := v_audits || jsonb_build_array(jsonb_build_object(
    'action', 'basket.validate', 'entityType', 'basket_validation', 'entityId', v_validation_id::text,
    'details', jsonb_build_object('requests', jsonb_array_length(v_outcomes))));
  INSERT INTO audit_log (actor_user_id, actor_role, action, entity_type, entity_id, family_id, details, at)
    SELECT v_actor_id, v_actor_role, t.a->>'action', t.a->>'entityType', t.a->>'entityId', v_family, t.a->'details', v_validated_at
    FROM jsonb_array_elements(v_audits) WITH ORDINALITY AS t(a, n) ORDER BY t.n;
  -- The confirmation e-mails, with the outcomes in their props: rendered at delivery, not here.
  INSERT INTO outbound_emails (to_address, subject, template, props, family_id, created_at, next_attempt_at)
    SELECT t.r->>'to', p->'email'->>'subject', p->'email'->>'template',
           (p->'email'->'props') || jsonb_build_object('firstName', t.r->'firstName', 'outcomes', v_outcomes, 'remarks', v_remarks),
           v_family, v_validated_at, v_validated_at
    FROM jsonb_array_elements(v_recipients) WITH ORDINALITY AS t(r, n) ORDER BY t.n;

  RETURN jsonb_build_object('status', 'validated', 'validationId', v_validation_id, 'validatedAt', v_validated_at, 'outcomes', v_outcomes,
                            'freedDayIds', (SELECT coalesce(jsonb_agg(DISTINCT f.id), '[]'::jsonb) FROM unnest(v_freed) AS f(id)));
END;
$$;
