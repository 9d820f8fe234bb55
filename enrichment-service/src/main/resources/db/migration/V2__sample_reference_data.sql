-- Sample reference data for local runs and tests: 500 open GBP current/credit-card accounts with cards
-- CTK000001..CTK000500, 50 EUR accounts (CTK000501..CTK000550), and one closed account (CTK900001).
insert into account (account_number, sort_code, currency, status, holder_name, product_type)
select lpad((41000000 + i)::text, 8, '0'),
       '20-32-' || lpad((i % 100)::text, 2, '0'),
       case when i <= 500 then 'GBP' else 'EUR' end,
       'OPEN',
       'Holder ' || i,
       case when i % 5 = 0 then 'CREDIT_CARD' else 'CURRENT' end
from generate_series(1, 550) as i;

insert into card (card_token, account_number)
select 'CTK' || lpad(i::text, 6, '0'), lpad((41000000 + i)::text, 8, '0')
from generate_series(1, 550) as i;

insert into account values ('49999999', '20-32-99', 'GBP', 'CLOSED', 'Closed Holder', 'CURRENT');
insert into card values ('CTK900001', '49999999');
