-- Two processes on one database: while this one holds a write
-- transaction, a second sqlite3 (run through the shell) must find the
-- database locked; after the commit it gets in.
CREATE TABLE l(x);
BEGIN IMMEDIATE;
INSERT INTO l VALUES(1);
.system sqlite3 /tmp/lock.db 'INSERT INTO l VALUES(2);'
COMMIT;
.system sqlite3 /tmp/lock.db 'INSERT INTO l VALUES(3);'
SELECT group_concat(x) FROM l;
