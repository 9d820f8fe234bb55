-- V3 meant to keep an item's received event out of line, so that the item's later updates would not copy it.
-- PostgreSQL only considers moving values out of line for rows over about 2 kB, and an item with its event is
-- about 0.9 kB, so the event stayed in the row: every update copied it into the heap and the WAL, and the
-- table that every batch reads and locks was three times the size of its facts. The received event is written
-- once and read only by a re-drive, so it has a table of its own now.
create table recon_received_event (
    authorization_id text  primary key,
    event_id         uuid  not null,
    payload          bytea not null,
    traceparent      text
);
insert into recon_received_event (authorization_id, event_id, payload, traceparent)
    select authorization_id, received_event_id, received_payload, received_traceparent
    from recon_item where received_payload is not null and received_event_id is not null;
alter table recon_item drop column received_payload, drop column received_traceparent;
alter table recon_item reset (toast_tuple_target);
