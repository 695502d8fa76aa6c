import { describe, expect, it } from 'vitest';
import { isRead } from '@/db/reconnecting';

describe('which statements only read', () => {
  it('takes a select, a with of selects, values and show for reads', () => {
    expect(isRead('select "users"."id", "users"."updated_at" from "users" where "users"."id" = $1')).toBe(true);
    expect(isRead('  (select count(*)::int from "families")')).toBe(true);
    expect(isRead('with days as (select id from activity_days) select * from days')).toBe(true);
    expect(isRead('values (1)')).toBe(true);
    expect(isRead('show server_version')).toBe(true);
  });

  it('takes every statement that writes, or might, for a write', () => {
    expect(isRead('insert into "sessions" ("id") values ($1)')).toBe(false);
    expect(isRead('update "sessions" set "last_seen_at" = $1')).toBe(false);
    expect(isRead('delete from "baskets" where "family_id" = $1')).toBe(false);
    expect(isRead('with added as (insert into families (identifier) values ($1) returning id) select id from added')).toBe(false);
    expect(isRead('select * from "baskets" where "id" = $1 for update')).toBe(false);
    expect(isRead('select validate_basket($1, $2, $3)')).toBe(false);
    expect(isRead('select pg_advisory_xact_lock($1, $2)')).toBe(false);
    expect(isRead('select pg_try_advisory_lock($1) as locked')).toBe(false);
    expect(isRead("select nextval('families_id_seq')")).toBe(false);
    expect(isRead('select * into archive from families')).toBe(false);
    expect(isRead("set local lock_timeout = '5s'")).toBe(false);
    expect(isRead('begin')).toBe(false);
  });
});
