"""Document keys: valid in every URL whatever the file's name, and unique —
a file never replaces another file's document (issue 17, defects 1 and 10)."""

import importlib
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from documents.keys import document_key, is_valid
from documents.models import CrossReference, Document, Theme
from policybase.ingest.sources import SOURCES_DIR, bundled_sources
from tests.admin.test_admin import admin_url
from tests.policybase.test_ingest import snapshot

GENRE = Path(__file__).resolve().parents[1] / "data" / "genre"
REGULATION = GENRE / "regulation_songjiang_transfer.txt"
PLAN = GENRE / "plan_songjiang_14th.txt"
CHINESE_NAME = "科技政策文件.txt"


def run(*args):
    """``manage.py ingest``: (output, whether it exited non-zero)."""
    out = StringIO()
    try:
        call_command("ingest", *map(str, args), stdout=out)
    except CommandError:
        return out.getvalue(), True
    return out.getvalue(), False


def failures(output):
    return [line for line in output.splitlines() if "✗" in line]


# --------------------------------------------------------------------------
# The key itself


def test_a_chinese_name_gives_an_ascii_key_in_pinyin_with_a_hash_suffix():
    # Pinned: a new pypinyin that spelled it otherwise would change the key,
    # and the next ingest of the file would make a second document.
    assert document_key("科技政策文件") == "ke-ji-zheng-ce-wen-jian-991874"


def test_an_ascii_name_keeps_the_key_it_always_had():
    assert document_key("plan_songjiang_14th") == "plan_songjiang_14th"
    assert document_key("Reply 2024 (final)") == "reply-2024-final"
    assert document_key("a b") == document_key("a-b") == "a-b"
    assert document_key("---") == "document"


def test_homophones_get_different_keys():
    # 公式 and 攻势 are both "gong shi": the hash of the name tells them apart.
    assert document_key("公式").startswith("gong-shi-")
    assert document_key("公式") != document_key("攻势")


@pytest.mark.parametrize(
    "stem",
    [
        "科技政策文件",
        "《吉林省促进科技成果转移转化实施方案》（2016—2020年）",
        "关于印发" * 40,
        "Café ① ＡＢＣ",
        "《》、。",
        "ｒｅｐｏｒｔ",
        "テスト文書",
        "🙂",
        "政策_v2.final",
    ],
)
def test_every_key_is_a_slug_the_urls_accept(stem):
    key = document_key(stem)
    assert is_valid(key) and 0 < len(key) <= 80
    assert reverse("document-page", args=[key])
    assert reverse("provision-page", args=[key, "1.2"])


# --------------------------------------------------------------------------
# A Chinese file name does not take the site down


@pytest.fixture
def chinese_named(corpus, tmp_path):
    """A genre document ingested from a file with a Chinese name, beside the
    bundled corpus."""
    path = tmp_path / CHINESE_NAME
    shutil.copy(REGULATION, path)
    output, failed = run(path)
    assert not failed, output
    return Document.objects.get(source_name=CHINESE_NAME)


def test_a_chinese_named_file_gets_a_valid_key_and_keeps_its_name(chinese_named):
    assert chinese_named.key == "ke-ji-zheng-ce-wen-jian-991874"
    assert chinese_named.source_name == CHINESE_NAME
    assert chinese_named.display_title  # the title read from the text, in Chinese
    assert chinese_named.title and not chinese_named.title.isascii()


def test_every_page_answers_with_a_chinese_named_document(chinese_named, client):
    theme = Theme.objects.filter(provisions__document=chinese_named).distinct().first()
    provision = chinese_named.provisions.first()
    pages = ["/", "/themes/", chinese_named.get_absolute_url(), provision.get_absolute_url(),
             theme.get_absolute_url(), f"/api/v1/documents/{chinese_named.key}/"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
    assert chinese_named.get_absolute_url() in client.get("/").content.decode()


def test_a_document_citing_a_chinese_named_one_answers(corpus, tmp_path, client):
    # The regulation's own title, cited by a notice that is ingested after it.
    cited = tmp_path / CHINESE_NAME
    shutil.copy(REGULATION, cited)
    run(cited)
    target = Document.objects.get(source_name=CHINESE_NAME)
    citing = tmp_path / "通知.txt"
    citing.write_text(
        "关于贯彻落实有关规定的通知\n"
        f"一、各单位要认真贯彻《{target.title}》，加快科技成果转化。\n",
        encoding="utf-8",
    )
    output, failed = run(citing)
    assert not failed, output
    link = CrossReference.objects.get(target=target)
    assert client.get(link.document.get_absolute_url()).status_code == 200
    assert client.get(link.provision.get_absolute_url()).status_code == 200


def test_the_admin_shows_a_chinese_named_document_and_its_delete_page(
    chinese_named, superuser_client
):
    # Its delete page lists what would go with it (a document with facts is
    # not deleted in the admin, whatever its key: facts are rejected, never
    # deleted there).
    for view in ("change", "delete"):
        response = superuser_client.get(admin_url(Document, view, chinese_named.pk))
        assert response.status_code == 200, view
        assert chinese_named.title in response.content.decode()


# --------------------------------------------------------------------------
# A collision is refused, never a silent replace


@pytest.fixture
def empty(db):
    Document.objects.all().delete()


def test_two_names_with_one_key_the_second_is_refused(empty, tmp_path):
    first, second = tmp_path / "a b.txt", tmp_path / "a-b.txt"
    shutil.copy(REGULATION, first)
    shutil.copy(PLAN, second)
    run(first)
    before = snapshot()
    output, failed = run(second)
    assert failed
    [line] = failures(output)
    assert "a-b" in line and "a b.txt" in line and "rename" in line and "改名" in line
    assert snapshot() == before
    assert Document.objects.get().source_name == "a b.txt"


def test_two_names_with_one_key_in_one_run(empty, tmp_path):
    first, second = tmp_path / "a b.txt", tmp_path / "a-b.txt"
    shutil.copy(REGULATION, first)
    shutil.copy(PLAN, second)
    output, failed = run(first, second)
    assert failed and len(failures(output)) == 1 and "[2/2] ✗ a-b.txt" in output
    assert "documents 1 ok, 1 failed" in output
    assert Document.objects.get().source_name == "a b.txt"


def test_identical_bytes_under_another_name_are_refused_too(empty, tmp_path):
    # Not reported "unchanged" on the strength of the other file's hash.
    first, second = tmp_path / "a b.txt", tmp_path / "a-b.txt"
    shutil.copy(REGULATION, first)
    shutil.copy(REGULATION, second)
    run(first)
    output, failed = run(second)
    assert failed and "already belongs" in output


def test_the_same_file_again_updates_its_own_document(empty, tmp_path):
    path = tmp_path / CHINESE_NAME
    shutil.copy(REGULATION, path)
    run(path)
    document = Document.objects.get()
    output, failed = run(path)
    assert not failed and "unchanged" in output
    path.write_text(path.read_text(encoding="utf-8") + "\n第九十九条 本办法自发布之日起施行。\n",
                    encoding="utf-8")
    output, failed = run(path)
    assert not failed and "updated" in output
    assert Document.objects.get().pk == document.pk
    assert "第九十九条" in Document.objects.get().text


def test_a_revised_copy_under_the_same_name_updates_the_document(empty, tmp_path):
    # A document is known by its file name: the new version of a file,
    # wherever it lies, replaces the old one; that is the documented way to
    # update a document.
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    shutil.copy(REGULATION, old / "notice.txt")
    shutil.copy(PLAN, new / "notice.txt")
    run(old / "notice.txt")
    output, failed = run(new / "notice.txt")
    assert not failed and "updated" in output
    assert Document.objects.get().raw_text == PLAN.read_text(encoding="utf-8")


def test_two_files_of_one_name_in_one_run_the_second_is_refused(empty, tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    shutil.copy(REGULATION, old / "notice.txt")
    shutil.copy(PLAN, new / "notice.txt")
    output, failed = run(old / "notice.txt", new / "notice.txt")
    assert failed and "[2/2] ✗ notice.txt" in output and "earlier in this run" in output
    assert Document.objects.get().raw_text == REGULATION.read_text(encoding="utf-8")


def test_a_file_named_like_a_bundled_source_is_refused(corpus, tmp_path):
    bundled = next(s for s in bundled_sources() if s.key == "achievement-transfer-plan-2016")
    before = snapshot()
    copy = tmp_path / bundled.path.name
    copy.write_text(
        bundled.path.read_text(encoding="utf-8").replace("培养500名", "培养600名"),
        encoding="utf-8",
    )
    output, failed = run(copy)
    assert failed
    [line] = failures(output)
    assert "bundled source" in line and "内置文件" in line
    assert snapshot() == before
    assert Document.objects.get(key=bundled.key).title == bundled.manifest["title"]


def test_a_bundled_name_is_refused_before_the_bundled_documents_are_loaded(empty, tmp_path):
    copy = tmp_path / "001_cfe322f93ce14a7f.txt"
    shutil.copy(REGULATION, copy)
    output, failed = run(copy)
    assert failed and not Document.objects.exists()


def test_a_file_named_like_a_bundled_key_is_refused(empty, tmp_path):
    path = tmp_path / "achievement-transfer-plan-2016.txt"
    shutil.copy(REGULATION, path)
    output, failed = run(path)
    assert failed and "bundled source" in output
    assert not Document.objects.exists()


def test_a_bundled_source_by_its_own_path_is_the_bundled_document(empty):
    path = SOURCES_DIR / "001_cfe322f93ce14a7f.txt"
    output, failed = run(path)
    assert not failed
    document = Document.objects.get()
    assert document.key == "achievement-transfer-plan-2016"
    assert document.metadata_notes == "metadata: curated manifest"
    output, failed = run(path)
    assert not failed and "unchanged" in output


# --------------------------------------------------------------------------
# A database keyed before: migration 0008 gives such documents their key


def test_a_document_keyed_in_chinese_before_is_rekeyed_with_its_added_facts(empty, tmp_path):
    from django.apps import apps

    from documents.curation import curate, curate_add
    from documents.models import Curation
    from measures.models import Subsidy

    migration = importlib.import_module("documents.migrations.0008_ascii_document_keys")
    path = tmp_path / CHINESE_NAME
    shutil.copy(SOURCES_DIR / "000_bdafd33da79e8432.txt", path)
    run(path)
    # As the old ingest left it: the file name's characters as the key, and
    # a fact a curator added (then corrected) fingerprinted with that key.
    Document.objects.update(key="科技政策文件")
    document = Document.objects.get()
    _, added = curate_add(Subsidy, document, "５０％用于基金公司新增投资", "５０％",
                          {"kind": "other", "ratio_percent": "50", "beneficiary": "基金公司"})
    curate(added, "correct", changes={"beneficiary": "基金管理公司"})

    migration.ascii_keys(apps, None)

    document.refresh_from_db()
    assert document.key == document_key("科技政策文件")
    added.refresh_from_db()
    assert set(Curation.objects.values_list("fingerprint", flat=True)) == {added.fingerprint}
    output, failed = run(path, "--force")
    assert not failed and "updated" in output
    assert Document.objects.get().pk == document.pk
    [fact] = Subsidy.objects.filter(rule="curated")
    assert fact.pk == added.pk and fact.beneficiary == "基金管理公司"
    assert "without their fact" not in output
