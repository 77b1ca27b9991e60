"""``manage.py search_vocabulary``: where each synonym group fires.

For every group of documents/search/data/synonyms.txt, how many provisions
hold each member literally, so a curator sees which groups connect wording
that really occurs (补贴 3 · 补助 41 · 资助 2) and which find nothing
(every member 0: a group to fix or drop).  ``--unused`` lists only those.
"""

from django.core.management.base import BaseCommand
from django.db import connection

from documents.search.backends import backend_for
from documents.search.plan import plan_for
from documents.search.query import literal_query
from documents.search.synonyms import SYNONYMS_FILE, groups


class Command(BaseCommand):
    help = "Show how many provisions hold each synonym-group member / 同义词组命中情况"

    def add_arguments(self, parser):
        parser.add_argument(
            "--unused", action="store_true", help="only groups no provision holds / 只列未命中的组"
        )

    def handle(self, *args, unused, **options):
        backend = backend_for(connection)
        seen = set()
        lines = []
        for members in groups().values():
            if members in seen:
                continue
            seen.add(members)
            counts = [(m, self.count(backend, m)) for m in members]
            if unused and any(n for _m, n in counts):
                continue
            lines.append(" · ".join(f"{m} {n}" for m, n in counts))
        self.stdout.write(f"{SYNONYMS_FILE.name}: {len(seen)} 组 / groups")
        for line in lines:
            self.stdout.write(line)

    @staticmethod
    def count(backend, member: str) -> int:
        plan = plan_for(literal_query(member))
        return len(backend.candidates(plan, limit=100_000, exhaustive=True).ids)
