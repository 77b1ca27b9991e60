"""The toolkit every app's API resources are built with.

A read-only viewset that exports lists as files and caches anonymous reads
(``viewsets``, ``caching``, ``data_version``), faster row serialisation
(``serialization``), the filter backend and the ordering that refuses
fields it does not allow (``filtering``), bounded pagination, the CSV
renderer and the one CSV writer of every export (``spreadsheets``),
bilingual error bodies, write permissions and the OpenAPI schema class.

A leaf: nothing here imports an app (not ``documents``' own models, nor
``measures``, ``targets`` or ``policybase``), so every app can build on it
without reaching up to the project package.  Apps and tables are named as
strings where they must be (``data_version``), never imported.
"""
