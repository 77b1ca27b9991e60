"""Chinese full-text search over provisions.

query.py parses what staff type; normalise.py and documents/tokenize.py give
text and query one normal form; synonyms.py reads the curated table;
backends.py holds SQLite FTS5 and PostgreSQL tsvector + GIN behind one
interface (with the impact lists that keep frequent words fast); index.py
keeps the index current (receivers.py for admin edits); engine.py ranks,
explains and facets (snippets.py, facets.py); filters.py is the FilterSet the
page and the API share; views.py serves /search/ and /api/v1/search/.
"""
