-- When reconciliation first heard of an item's authorization. The age of the oldest open break counted from the
-- authorization's acceptance (received_at), so a break among a held batch's authorizations, released hours after
-- they were accepted, looked hours old the moment it was found and paged at once. Counted from here, the age says
-- how long reconciliation has known of the item. Existing items get the time of this migration (a constant
-- default: no table rewrite).
alter table recon_item add column first_seen_at timestamptz not null default now();
