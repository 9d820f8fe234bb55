-- Held authorizations become outbox rows held back (stage runtime V6, outbox_held): a release then only lists
-- them for the relay, instead of deleting each row here and writing it again, payload and all, to the outbox
-- (that copy was a fifth of the database's CPU while a million-row file was released). The stage runtime's
-- migrations run before this one (StageRuntimeAutoConfiguration orders them).
insert into outbox (event_id, topic, message_key, headers, payload, created_at)
    select event_id, topic, message_key, headers::text, payload, held_at from held_authorization order by seq
    on conflict (event_id) do nothing;
insert into outbox_held (seq, hold_key, held_at)
    select o.seq, h.source_id, h.held_at from held_authorization h join outbox o using (event_id) order by h.seq;
drop table held_authorization;
