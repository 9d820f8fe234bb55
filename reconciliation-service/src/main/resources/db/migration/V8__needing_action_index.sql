-- The items that need action: held, or a break (ReconItems.NEEDING_ACTION, the same statuses in the same order).
-- The open-items index (V5) also holds every item awaiting its posting. While posting works through a backlog (a
-- streamed million: hundreds of thousands awaiting), the auto-patch scan for held and broken items and the
-- oldest-break gauge walked all those entries and read each row for its status, to find none: 0.3 s a scan,
-- every 5 s, up to 1.5 s (docs/benchmarks.md, forty-third round). An item on its way to its posting never has
-- such a status, so this index costs the usual flow no write; those statements now read only what they ask for.
create index recon_item_needing_action on recon_item (updated_at)
    where status in ('HELD', 'MISSING_POSTING', 'AMOUNT_MISMATCH', 'DUPLICATE_POSTING', 'ORPHAN_POSTING', 'HELD_TOO_LONG');
