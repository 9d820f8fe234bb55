-- recon_item_status_updated (status, updated_at) serves every lookup by status; the single-column index
-- only cost an extra index write on every item update (each update changes updated_at, so none is HOT).
drop index if exists recon_item_status;

-- An item is written once per fact (received, posted, ...), and every update copied the whole row,
-- including the kept received event (about 1 kB), into the heap and the WAL. Kept out of line instead
-- (TOAST, uncompressed), an update that does not change it keeps a pointer and copies nothing.
alter table recon_item alter column received_payload set storage external;
alter table recon_item set (toast_tuple_target = 256);
