-- A finding row keeps only what GET /findings filters and orders by; the finding itself is read from its
-- submission's findings document (report), which holds it already. The JSON copy was most of a row (about
-- 60 % of the findings table) and of what PostgreSQL wrote to its WAL for each post.
ALTER TABLE findings DROP COLUMN finding;
