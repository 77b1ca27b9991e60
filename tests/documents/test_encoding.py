"""decode(): which bytes become text, and the one-line bilingual refusals."""

import codecs
from pathlib import Path

import pytest

from documents.parsing.encoding import SourceError, decode

SOURCES = Path(__file__).resolve().parents[2] / "fixtures" / "sources"
# 002's opening lines, as printed.
REPLY = (
    "对省政协十二届五次会议第 201号委员提案的答复\n"
    "吉科发办〔2022〕109号\n"
    "丛艳辉委员：\n"
    "您在省政协十二届五次会议上提出的《关于加快科技成果转化优化创新生态的建议》收悉。"
)
LIMIT = 1_000_000


@pytest.mark.parametrize(
    ("data", "codec"),
    [
        (REPLY.encode("utf-8"), "UTF-8"),
        (codecs.BOM_UTF8 + REPLY.encode("utf-8"), "UTF-8 with BOM"),
        (codecs.BOM_UTF16_LE + REPLY.encode("utf-16-le"), "UTF-16 LE with BOM"),
        (codecs.BOM_UTF16_BE + REPLY.encode("utf-16-be"), "UTF-16 BE with BOM"),
        (REPLY.encode("gb18030"), "GB18030"),
        (REPLY.encode("gbk"), "GBK (a GB18030 subset)"),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_decodes_every_supported_encoding_to_the_same_text(data, codec):
    assert decode(data, max_bytes=LIMIT) == REPLY


@pytest.mark.parametrize("path", sorted(SOURCES.glob("*.txt")), ids=lambda p: p.name)
def test_the_five_sources_decode_unchanged(path):
    data = path.read_bytes()
    assert decode(data, max_bytes=LIMIT) == data.decode("utf-8")


def test_a_gb18030_file_keeps_characters_outside_gbk():
    text = REPLY + "𠀀"  # CJK Extension B: four bytes in GB18030
    assert decode(text.encode("gb18030"), max_bytes=LIMIT) == text


# Two-byte GB18030 sequences drawn at random: valid GB18030, but mostly rare
# characters no policy text is made of.
GB18030_NOISE = bytes(
    byte
    for i in range(1500)
    for byte in (0x81 + (i * 37) % 0x7E, 0x40 + (i * 53) % 0x3F)
)


@pytest.mark.parametrize(
    ("data", "max_bytes", "chinese", "english"),
    [
        (b"", LIMIT, "文件为空", "file is empty"),
        (REPLY.encode("utf-8"), 100, "文件过大", "file too large"),
        (b"%PDF-1.7\n\x00\x01\x02" + REPLY.encode("utf-8"), LIMIT, "二进制", "binary"),
        # UTF-16 without its BOM: NUL bytes everywhere, refused rather than guessed.
        (REPLY.encode("utf-16-le"), LIMIT, "二进制", "binary"),
        (REPLY.encode("utf-8") + b"\x01\x02\x03\x04" * 40, LIMIT, "二进制", "binary"),
        (b"\xff\x80" * 60, LIMIT, "无法解码", "undecodable"),
        (b"\x80\x81\xff" + REPLY.encode("utf-8"), LIMIT, "无法解码", "undecodable"),
        # a BOM, then bytes that are no text in the declared encoding
        (
            codecs.BOM_UTF16_LE + bytes(range(32, 256)) * 4,
            LIMIT,
            "中文",
            "no recognisable",
        ),
        (codecs.BOM_UTF8 + b"\xff\xfe\xfd" * 30, LIMIT, "中文", "no recognisable"),
        (GB18030_NOISE, LIMIT, "中文", "no recognisable"),
        (
            b"Policy text in English only, no Chinese at all.",
            LIMIT,
            "中文",
            "no recognisable",
        ),
        ("科技成果转化".encode(), LIMIT, "中文", "6 common CJK"),
    ],
    ids=[
        "empty",
        "too large",
        "pdf",
        "utf16 without bom",
        "control characters",
        "undecodable",
        "undecodable start",
        "utf16 bom then noise",
        "utf8 bom then noise",
        "gb18030 noise",
        "english only",
        "too little chinese",
    ],
)
def test_refusals_say_why_in_chinese_and_english_on_one_line(
    data, max_bytes, chinese, english
):
    with pytest.raises(SourceError) as caught:
        decode(data, max_bytes=max_bytes)
    message = str(caught.value)
    assert chinese in message and english in message
    assert " / " in message and "\n" not in message


def test_source_error_is_a_value_error():
    assert issubclass(SourceError, ValueError)


def test_max_bytes_is_keyword_only():
    with pytest.raises(TypeError):
        decode(REPLY.encode("utf-8"), LIMIT)  # type: ignore[misc]
