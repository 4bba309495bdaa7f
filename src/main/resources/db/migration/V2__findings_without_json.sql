-- A finding row keeps only what GET /findings filters and orders by; the finding itself is read from its
-- submission's findings document (report), which holds it already. The JSON copy was most of a row (about
-- 60 % of the findings table) and of what PostgreSQL wrote to its WAL for each post.
ALTER TABLE findings DROP COLUMN finding;
-- Nothing reads a finding by its number. H2 keys a table without a primary key by a row id of its own, as
-- it did by this column; PostgreSQL saves a B-tree index that every finding row was inserted into.
ALTER TABLE findings DROP COLUMN id;
