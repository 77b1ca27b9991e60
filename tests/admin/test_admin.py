"""The admin over the bundled corpus: every page, the review queue, bulk
curation, the change form and the source view."""

from decimal import Decimal
from io import StringIO

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from documents.models import Curation, Document, Provision, ReviewStatus
from measures.models import Measure, Subsidy
from targets.models import Figure, Target

pytestmark = pytest.mark.usefixtures("corpus")


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_model_is_registered():
    from documents.models import CrossReference, Theme
    from measures.models import InstrumentType, TargetGroup
    from targets.models import Indicator

    for model in (Document, Provision, Theme, CrossReference, Curation, Measure,
                  InstrumentType, TargetGroup, Subsidy, Indicator, Target, Figure):
        assert admin.site.is_registered(model), model


@pytest.mark.parametrize("model", [m for m in admin.site._registry if m._meta.app_label
                                   in {"documents", "measures", "targets"}],
                         ids=lambda m: m._meta.label)
def test_changelist_search_and_change_page_render(superuser_client, model):
    assert superuser_client.get(admin_url(model, "changelist")).status_code == 200
    assert superuser_client.get(admin_url(model, "changelist"), {"q": "科技"}).status_code == 200
    obj = model._default_manager.first()
    if obj is not None:
        response = superuser_client.get(admin_url(model, "change", obj.pk))
        assert response.status_code == 200


def test_provision_page_shows_its_facts_inline(superuser_client):
    fact = Target.objects.select_related("provision").first()
    response = superuser_client.get(admin_url(Provision, "change", fact.provision_id))
    assert response.status_code == 200
    assert escape(str(fact.indicator)) in response.content.decode()
    assert admin_url(Target, "change", fact.pk) in response.content.decode()


def test_measure_page_shows_its_subsidies_inline(superuser_client):
    subsidy = Subsidy.objects.exclude(measure=None).first()
    response = superuser_client.get(admin_url(Measure, "change", subsidy.measure_id))
    assert admin_url(Subsidy, "change", subsidy.pk) in response.content.decode()


def test_source_view_highlights_the_number_inside_its_sentence(superuser_client):
    fact = Figure.objects.get(raw_value=Decimal("6906"))
    html = superuser_client.get(admin_url(Figure, "change", fact.pk)).content.decode()
    number = fact.document.text[fact.start : fact.end]
    assert f'<strong class="fact-value"><mark>{number}</mark></strong>' in html
    assert '<mark class="fact-sentence">' in html
    assert "R&amp;D经费累计投入达到" in html


def test_review_queue_filters(superuser_client):
    url = admin_url(Target, "changelist")
    flagged = Target.objects.filter(review_status=ReviewStatus.FLAGGED).first()
    unreviewed = Target.objects.filter(review_status=ReviewStatus.UNREVIEWED).first()
    open_queue = superuser_client.get(url, {"queue": "open"})
    assert open_queue.context["cl"].result_count == Target.objects.needing_review().count()
    corrected = superuser_client.get(url, {"queue": "curated"}).context["cl"].queryset
    assert not corrected.filter(review_status=ReviewStatus.UNREVIEWED).exists()
    assert corrected.filter(review_status=ReviewStatus.CORRECTED).exists()
    if unreviewed is not None:
        only = superuser_client.get(url, {"queue": "unreviewed"}).context["cl"].queryset
        assert set(only.values_list("review_status", flat=True)) == {ReviewStatus.UNREVIEWED}
    if flagged is not None:
        assert flagged in superuser_client.get(url, {"queue": "flagged"}).context["cl"].queryset


def bulk(client, model, action, facts):
    return client.post(
        admin_url(model, "changelist"),
        {"action": action, "_selected_action": [f.pk for f in facts]},
        follow=True,
    )


def test_bulk_confirm_records_one_curation_per_fact(curator_client, curator):
    facts = list(Target.objects.filter(review_status=ReviewStatus.UNREVIEWED)[:3])
    before = Curation.objects.count()
    response = bulk(curator_client, Target, "confirm_facts", facts)
    assert response.status_code == 200
    assert Curation.objects.count() == before + 3
    for fact in facts:
        fact.refresh_from_db()
        assert fact.review_status == ReviewStatus.CONFIRMED
        curation = Curation.objects.filter(fingerprint=fact.fingerprint).latest("pk")
        assert curation.author == curator and curation.action == "confirm"


def test_bulk_reject_hides_the_fact(curator_client):
    fact = Subsidy.objects.filter(review_status=ReviewStatus.UNREVIEWED).first()
    bulk(curator_client, Subsidy, "reject_facts", [fact])
    fact.refresh_from_db()
    assert fact.review_status == ReviewStatus.REJECTED
    assert not Subsidy.objects.visible().filter(pk=fact.pk).exists()


def test_bulk_correct_to_suggestion_uses_the_rule_suggestion(curator_client):
    fact = Figure.objects.get(raw_value=Decimal("6906"))
    fact.extracted = {**fact.extracted, "suggested_value": "690.6"}
    fact.review_status = ReviewStatus.FLAGGED
    fact.value = fact.raw_value
    fact.save()
    plain = Figure.objects.exclude(pk=fact.pk).filter(review_status=ReviewStatus.UNREVIEWED).first()
    plain.extracted = {k: v for k, v in plain.extracted.items() if k != "suggested_value"}
    plain.save()
    response = bulk(curator_client, Figure, "correct_facts_to_suggestion", [fact, plain])
    fact.refresh_from_db()
    plain.refresh_from_db()
    assert fact.value == Decimal("690.6") and fact.review_status == ReviewStatus.CORRECTED
    assert plain.review_status == ReviewStatus.UNREVIEWED
    assert "没有建议值" in response.content.decode()


def change_form_data(client, model, fact):
    """The change form's current values, as the browser would post them back."""
    form = client.get(admin_url(model, "change", fact.pk)).context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        data[name] = value.pk if hasattr(value, "pk") else value
    return {k: ("on" if v is True else v) for k, v in data.items() if v is not False}


def test_editing_a_value_goes_through_curate(curator_client, curator):
    fact = Target.objects.filter(review_status=ReviewStatus.UNREVIEWED).first()
    data = change_form_data(curator_client, Target, fact)
    data.update(value="123.5", curation_reason="原文笔误 / typo in the source")
    response = curator_client.post(admin_url(Target, "change", fact.pk), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    fact.refresh_from_db()
    assert fact.value == Decimal("123.5")
    assert fact.raw_value != fact.value
    assert fact.review_status == ReviewStatus.CORRECTED
    curation = Curation.objects.latest("pk")
    assert curation.changes == {"value": "123.5"}
    assert curation.author == curator and curation.source == "admin"
    assert "typo" in curation.reason


def test_saving_without_a_change_records_nothing(curator_client):
    fact = Target.objects.first()
    before = Curation.objects.count()
    data = change_form_data(curator_client, Target, fact)
    assert curator_client.post(admin_url(Target, "change", fact.pk), data).status_code == 302
    assert Curation.objects.count() == before


def test_facts_can_be_added_but_not_deleted_in_the_admin(superuser_client):
    # Adding records an add curation (tests/policybase/test_curation_add.py).
    fact = Target.objects.first()
    assert superuser_client.get(admin_url(Target, "add")).status_code == 200
    assert superuser_client.post(admin_url(Target, "delete", fact.pk), {"post": "yes"}).status_code == 403
    assert Target.objects.filter(pk=fact.pk).exists()


def document_form(document, **changes):
    """The document's admin form as shown, with ``changes``."""
    values = {
        name: getattr(document, name) or ""
        for name in ("title", "doc_number", "issuer", "issued_on", "doc_type",
                     "valid_from", "valid_until", "validity_basis")
    }
    return {**values, **changes}


def test_pipeline_rows_are_read_only_even_for_a_superuser(superuser_client):
    # A document's form changes only what a curator may state (its metadata
    # and validity): the pipeline's fields are not even in the form.
    document = Document.objects.first()
    response = superuser_client.post(
        admin_url(Document, "change", document.pk),
        document_form(document, key="changed", text="篡改", source_name="x.txt"),
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.key, document.source_name) != ("changed", "x.txt")
    assert "篡改" not in document.text
    assert not Curation.objects.filter(document=document).exists()


def test_a_corrected_title_is_a_curation(superuser_client):
    document = Document.objects.get(key="market-oriented-innovation-opinions")
    response = superuser_client.post(
        admin_url(Document, "change", document.pk),
        document_form(document, title="关于建立健全技术创新市场导向机制的实施意见"),
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "关于建立健全技术创新市场导向机制的实施意见"
    curation = Curation.objects.get(document=document)
    assert curation.changes == {"title": "关于建立健全技术创新市场导向机制的实施意见"}


def test_viewer_sees_but_cannot_change(viewer_client):
    fact = Target.objects.first()
    assert viewer_client.get(admin_url(Target, "changelist")).status_code == 200
    assert viewer_client.get(admin_url(Target, "change", fact.pk)).status_code == 200
    assert viewer_client.get(admin_url(Curation, "changelist")).status_code == 200
    response = viewer_client.post(admin_url(Target, "change", fact.pk), {"value": "1"})
    assert response.status_code == 403
    before = Curation.objects.count()
    bulk(viewer_client, Target, "confirm_facts", [fact])
    assert Curation.objects.count() == before


def test_curator_cannot_touch_users_or_pipeline_rows(curator_client):
    assert curator_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    provision = Provision.objects.first()
    assert curator_client.post(admin_url(Provision, "change", provision.pk), {}).status_code == 403


def test_admin_home_links_to_the_review_queue(curator_client, superuser_client):
    html = curator_client.get(reverse("admin:index")).content.decode()
    assert admin_url(Target, "changelist") + "?queue=open" in html
    assert admin_url(Subsidy, "changelist") + "?queue=conflict" in html


def test_setup_groups_is_idempotent_and_grants_no_deletion(groups):
    before = {g: set(groups[g].permissions.values_list("codename", flat=True)) for g in groups}
    call_command("setup_groups", stdout=StringIO())
    for name, group in groups.items():
        group.refresh_from_db()
        assert set(group.permissions.values_list("codename", flat=True)) == before[name]
    assert {"change_target", "change_figure", "change_subsidy", "view_document"} <= before["curator"]
    assert not any(c.startswith("delete_") for c in before["curator"])
    # A curator adds only facts (as add curations) and uploads files (a job
    # each), nothing the pipeline owns.
    assert {c for c in before["curator"] if c.startswith("add_")} == {
        "add_target", "add_figure", "add_subsidy", "add_uploadjob"}
    assert all(c.startswith("view_") for c in before["viewer"])
    assert "view_historicaltarget" in before["viewer"]
