"""GET /api/v1/match/ and the /match/ page on the bundled corpus."""

import pytest

pytestmark = pytest.mark.django_db

API = "/api/v1/match/"
# 001 (吉林省促进科技成果转移转化实施方案) applies from 2016-10-31 to the end
# of the 十三五 (2020): its patent rules are current in 2018, expired in 2022
# and not yet in force in 2015.
PATENTS = {"group": "enterprises", "region": "吉林省四平市", "event": "patent_invention"}


def results(client, **params):
    response = client.get(API, params)
    assert response.status_code == 200, response.content
    return response.json()


def test_structured_profile_gets_the_rule_with_its_subsidy_fields(client, corpus):
    data = results(client, **PATENTS, as_of="2018-04-10")
    assert data["profile"]["event"] == ["patent_invention"]
    assert data["profile"]["region"] == "吉林省四平市"
    [rule] = [r for r in data["results"] if r["raw_text"] == "不高于5000元"]
    assert (rule["amount_max"], rule["cap"], rule["per"]) == (5000, 5000, "item_once")
    assert rule["type"] == "subsidy"
    assert rule["validity"]["status"] == "in_force" and rule["validity"]["label"] == "现行有效"
    assert rule["clause_url"].endswith(f"#subsidy-{rule['id']}")
    conditions = {c["kind"]: c["status"] for c in rule["eligibility"]["conditions"]}
    assert conditions["event"] == "met"
    assert rule["eligibility"]["region_name"] == "吉林省"
    # the rules of other events (a foreign grant, a patent award) are not in it
    for rule in data["results"]:
        events = [c for c in rule["eligibility"]["conditions"] if c["kind"] == "event"]
        assert all(c["status"] == "met" for c in events)


def test_most_money_first(client, corpus):
    data = results(client, group="enterprises", region="吉林省",
                   event=["patent_invention", "patent_invention_foreign"], as_of="2018-01-01")
    amounts = [float(r["amount_max"]) for r in data["results"] if r["amount_max"]]
    assert amounts == sorted(amounts, reverse=True) and len(amounts) >= 2


def test_as_of_puts_the_rules_of_documents_not_in_force_apart(client, corpus):
    def where(day):
        data = results(client, **PATENTS, as_of=day)
        return {name: [r["raw_text"] for r in data[name]]
                for name in ("results", "expired", "not_yet_in_force")}

    assert "不高于5000元" in where("2018-04-10")["results"]
    later = where("2022-04-10")
    assert "不高于5000元" in later["expired"] and "不高于5000元" not in later["results"]
    earlier = where("2015-04-10")
    assert "不高于5000元" in earlier["not_yet_in_force"]
    assert "不高于5000元" not in earlier["results"]


def test_a_document_whose_period_nobody_could_read_is_listed_apart(client, corpus):
    from documents.models import Document

    Document.objects.filter(key="achievement-transfer-plan-2016").update(
        valid_from=None, valid_until=None, validity_basis="unknown")
    data = results(client, **PATENTS, as_of="2018-04-10")
    assert "不高于5000元" not in [r["raw_text"] for r in data["results"]]
    [rule] = [r for r in data["validity_unknown"] if r["raw_text"] == "不高于5000元"]
    assert rule["validity"]["status"] == "unknown" and rule["validity"]["label"] == "有效期不明"
    page = client.get("/match/", {**PATENTS, "as_of": "2018-04-10"}).content.decode()
    assert "有效期不明的文件中的规则" in page
    csv = client.get("/match/", {**PATENTS, "as_of": "2018-04-10", "format": "csv"})
    assert "有效期不明文件" in csv.content.decode("utf-8-sig")


def test_free_text_is_read_and_echoed(client, corpus):
    data = results(client, profile="四平市的一家企业，今年获得了国内发明专利授权",
                   as_of="2018-04-10")
    assert data["profile"]["region"] == "吉林省四平市"
    assert "patent_invention" in data["profile"]["event"]
    assert any(r["words"] == "四平市" for r in data["readings"])
    assert "不高于5000元" in [r["raw_text"] for r in data["results"]]


def test_a_readable_profile_nothing_fits_gets_an_empty_answer_not_an_error(client, corpus):
    data = results(client, profile="成都的一家科技型中小企业", as_of="2020-01-01")
    assert data["count"] == 0 and data["results"] == []


@pytest.mark.parametrize(
    "params",
    [
        {"profile": "   "},
        {"profile": "我是长春市的一家民营企业，也是上海市徐汇区的一所公办大学"},
        {"group": ["大学生", "规上工业企业"]},
        {"group": "no-such-group"},
        {"group": "enterprises", "as_of": "2020-13-40"},
    ],
)
def test_an_unreadable_profile_is_a_400_in_two_languages(client, corpus, params):
    response = client.get(API, params)
    assert response.status_code == 400
    body = response.json()
    [message] = body["errors"]["profile"]
    assert " / " in message
    assert body["detail"] == "请求参数无效 / Invalid request parameters"


def test_the_operation_is_in_the_schema(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/match/"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"profile", "group", "region", "event", "as_of", "rd_expense", "patents"} <= names
    assert "400" in operation["responses"]


def test_the_page_reads_a_profile_and_exports_it(client, corpus):
    page = client.get("/match/", {"profile": "四平市的一家企业，今年获得了国内发明专利授权",
                                  "as_of": "2018-04-10"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "我们这样理解申请人" in html and "吉林省四平市" in html and "查看条款原文" in html
    csv = client.get("/match/", {"profile": "四平市的一家企业，今年获得了国内发明专利授权",
                                 "as_of": "2018-04-10", "format": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    assert "不高于5000元" in csv.content.decode("utf-8-sig")


def test_the_page_says_why_it_cannot_read_a_profile(client, corpus):
    page = client.get("/match/", {"profile": "你好"})
    assert page.status_code == 400
    assert "无法匹配" in page.content.decode() and "Cannot read" in page.content.decode()
    assert client.get("/match/").status_code == 200
