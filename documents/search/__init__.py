"""Chinese full-text search over provisions.

query.py parses what staff type; normalise.py and documents/tokenize.py give
text and query one normal form; synonyms.py reads the curated table;
backends.py holds SQLite FTS5 and PostgreSQL tsvector behind one interface;
index.py keeps the index current; engine.py ranks, explains and facets.
"""
