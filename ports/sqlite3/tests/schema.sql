-- Run by sqlite3 inside the OS (and by the host's, for the expected
-- output) after the 10,000 generated inserts in rows.sql.
CREATE INDEX item_owner ON item(owner);
CREATE UNIQUE INDEX person_name ON person(name);
SELECT count(*), sum(qty), min(price), max(price) FROM item;
SELECT p.name, count(i.id), sum(i.qty * i.price)
  FROM person p JOIN item i ON i.owner = p.id
  GROUP BY p.id ORDER BY p.name LIMIT 5;
SELECT p.name, i.label FROM person p LEFT JOIN item i ON i.owner = p.id AND i.qty > 98
  ORDER BY p.id, i.id LIMIT 8;
SELECT owner, count(*) AS n FROM item WHERE label LIKE 'item 12%' GROUP BY owner HAVING n > 2 ORDER BY n DESC, owner LIMIT 5;
EXPLAIN QUERY PLAN SELECT * FROM item WHERE owner = 7;
UPDATE item SET qty = qty + 1 WHERE owner = 3;
DELETE FROM item WHERE id % 1000 = 0;
SELECT count(*), total(qty) FROM item;
SELECT printf('%.3f', avg(price)), round(3.14159, 2), 7 / 2, 7.0 / 2, abs(-5), length('héllo'), upper('abc'), hex('AB') FROM item;
SELECT json_object('a', 1, 'b', json_array(2, 3));
WITH RECURSIVE fib(a, b, n) AS (SELECT 0, 1, 0 UNION ALL SELECT b, a + b, n + 1 FROM fib WHERE n < 50)
  SELECT a FROM fib WHERE n = 50;
SELECT date('2024-02-28', '+1 day'), strftime('%Y-%m-%d %H:%M:%S', 1700000000, 'unixepoch');
PRAGMA integrity_check;
