"""Schemathesis against the live OpenAPI schema, in process through the WSGI
app, on whichever database the suite runs on (SQLite or PostgreSQL).

Every operation of the schema gets generated requests; each response must
not be a server error, must have a documented status code, and must match
the documented schema.  The test counts the cases and insists on at least
``MIN_CASES`` so that a schema that lost its operations cannot pass quietly.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from policybase.wsgi import application

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Valid requests, and requests schemathesis makes invalid on purpose (bad
# types, out-of-range numbers): both must get a documented answer, never a 500.
EXAMPLES_PER_OPERATION = {GenerationMode.POSITIVE: 30, GenerationMode.NEGATIVE: 20}
MIN_CASES = 500


@pytest.fixture
def keep_connection():
    # Django closes the database connection at the end of every request; the
    # WSGI app here shares the test's connection (and its transaction), so
    # do what django.test.Client does and keep it open.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_generated_requests_conform_to_schema(corpus, throttles_off, keep_connection):
    # 600 requests a minute is the production limit; this test sends more.
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20, [op.label for op in operations]
    cases = 0
    plan = [
        (operation, mode, examples)
        for operation in operations
        for mode, examples in EXAMPLES_PER_OPERATION.items()
    ]
    for operation, mode, examples in plan:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            nonlocal cases
            cases += 1
            case.call_and_validate(checks=CHECKS)

        try:
            run()
        except Unsatisfiable:
            # Only where nothing can be made invalid (no parameters, or only
            # free-form strings): schemathesis then generates no negative case.
            assert mode == GenerationMode.NEGATIVE, operation.label
    assert cases >= MIN_CASES, f"only {cases} generated cases"
