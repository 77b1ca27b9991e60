"""Chinese full-text search over provisions.

query.py parses what staff type; normalise.py and segmentation.py give
text and query one normal form; synonyms.py reads the curated table;
plan.py turns a parsed query into a backend-neutral plan; ranking.py holds
BM25, the impact lists and the re-ranking (pure Python); backends/ holds
SQLite FTS5 and PostgreSQL tsvector + GIN, one module per vendor, each with
an index (writes), a query compiler (plan → SQL) and a rebuilder (bulk load);
grams.py the character grams for what words cannot answer.  The tables are
made by the migrations (schema.py reads their DDL for scratch indexes).
index.py keeps the index current (receivers.py for admin edits); engine.py
ranks, explains and facets (snippets.py, facets.py); filters.py is the
FilterSet the page and the API share; views.py serves /search/ and
/api/v1/search/.
"""
