-- A fingerprint now leads with its authorization's transmission time, epoch milliseconds in hex, at least 12
-- digits, and a colon (Fingerprinter.timeKey): a bare keyed hash put every look-up and insert on a random page of
-- the primary key's index (docs/benchmarks.md, forty-fourth round). The fingerprints stored before get the same key, taken
-- from the transmission time in their sighting's payload, so duplicates of authorizations seen before the
-- upgrade are still found. A fingerprint without its sighting keeps its old key and expires with the window.
update fingerprint f
   set fingerprint = case when length(k.hex) >= 12 then k.hex else lpad(k.hex, 12, '0') end || ':' || f.fingerprint
  from authorization_seen s,
       lateral (select to_hex(floor(extract(epoch from
                   (convert_from(s.payload, 'UTF8')::jsonb ->> 'transmissionTime')::timestamptz) * 1000)::bigint)
               as hex) k
 where s.authorization_id = f.authorization_id
   and s.event_id = f.event_id
   and length(f.fingerprint) = 64
   and k.hex is not null;
