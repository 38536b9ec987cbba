"""read_articles: formats, encodings, folder order, stdin, and every kind of bad input (each is
reported with file and line while the other articles are still read)."""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from fintech_kg.errors import ConfigError, InputError
from fintech_kg.models import Article
from fintech_kg.reading import MAX_CHARS_ENV, read_articles

TEXT = "某银行与某科技公司签署合作协议。\n\n双方将在大数据风控领域开展合作。"


def read(*sources: str | Path, **kwargs: object) -> list[Article | InputError]:
    return list(read_articles(sources, **kwargs))  # type: ignore[arg-type]


def articles(items: list[Article | InputError]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def errors(items: list[Article | InputError]) -> list[InputError]:
    return [item for item in items if isinstance(item, InputError)]


def jsonl(path: Path, *lines: object) -> Path:
    path.write_text(
        "\n".join(
            line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)
            for line in lines
        )
        + "\n",
        encoding="utf-8",
    )
    return path


def test_plain_text_file_becomes_one_article(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("某平台宣布清退\n\n" + TEXT, encoding="utf-8")
    (article,) = read(path)
    assert isinstance(article, Article)
    assert article.meta.title == "某平台宣布清退"
    assert article.text.endswith("开展合作。")


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("utf-8"),
        lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
        lambda s: s.encode("gbk"),
        lambda s: s.encode("gb18030"),
        lambda s: s.encode("utf-16"),
    ],
    ids=["utf-8", "utf-8-bom", "gbk", "gb18030", "utf-16-bom"],
)
def test_encodings_are_detected(tmp_path: Path, encode: Callable[[str], bytes]) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(encode(TEXT))
    (article,) = read(path)
    assert isinstance(article, Article)
    assert article.text == TEXT


def test_gbk_json_lines_are_decoded_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    line = json.dumps({"id": "g1", "text": TEXT}, ensure_ascii=False)
    path.write_bytes(line.encode("gbk") + b"\n")
    (article,) = read(path)
    assert isinstance(article, Article)
    assert article.text == TEXT


def test_json_lines_fields_become_metadata(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "a.jsonl",
        {
            "id": "n1",
            "title": "合作",
            "text": TEXT,
            "published_at": "2019-01-25T08:00:00+08:00",
            "source": "某网",
            "url": "https://example.org/n1",
            "organiser_entities": "ignored",
        },
        {"id": "n2", "title": None, "text": TEXT + "另一篇。", "published_at": "2019年1月26日"},
    )
    first, second = read(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.meta.model_dump(exclude={"content_sha256", "char_count"}) == {
        "id": "n1",
        "title": "合作",
        "published_at": date(2019, 1, 25),
        "source": "某网",
        "url": "https://example.org/n1",
        "extractor_version": "",
    }
    assert (second.meta.id, second.meta.title, second.meta.published_at) == (
        "n2",
        "",
        date(2019, 1, 26),
    )


def test_bad_json_lines_are_reported_and_the_rest_read(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "a.jsonl",
        {"id": "ok1", "text": TEXT},
        '{"id": "broken", "text": ',
        {"id": "no-text", "title": "标题"},
        {"id": 7, "text": TEXT},
        {"id": "list-text", "text": ["a"]},
        "",
        ["not", "an", "object"],
        {"id": "bad-date", "text": TEXT, "published_at": "不久前"},
        {"id": "blank", "text": "  "},
        {"id": "only-boilerplate", "text": "{IMG:1}\n长按扫码 阅读全文"},
        {"id": "ok2", "text": TEXT},
    )
    items = read(path)
    assert [a.meta.id for a in articles(items)] == ["ok1", "ok2"]
    found = [(e.line, e.article_id) for e in errors(items)]
    assert found == [
        (2, None),
        (3, "no-text"),
        (4, None),
        (5, "list-text"),
        (7, None),
        (8, "bad-date"),
        (9, "blank"),
        (10, "only-boilerplate"),
    ]
    messages = [str(e) for e in errors(items)]
    assert messages[0].startswith(f"{path}:2: is not valid JSON")
    assert '"text"' in messages[1] and "no-text" in messages[1]
    assert 'field "id" is a number, not a string' in messages[2]
    assert "YYYY-MM-DD" in messages[5]
    assert isinstance(items[0], Article)  # input order: ok1 first, ok2 last
    assert isinstance(items[-1], Article)


def test_empty_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    (error,) = read(path)
    assert isinstance(error, InputError)
    assert error.path == str(path)
    assert "empty" in str(error)


def test_whitespace_only_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text(" \n\n\u3000 \n", encoding="utf-8")
    (error,) = read(path)
    assert isinstance(error, InputError)
    assert "no article text" in str(error)


def test_binary_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (error,) = read(path)
    assert isinstance(error, InputError)
    assert "binary" in str(error)


def test_undecodable_bytes_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8") + b"\xff\xfe\x80")
    (error,) = read(path)
    assert isinstance(error, InputError)
    assert "cannot be decoded" in str(error) and "UTF-8" in str(error)


def test_undecodable_json_line_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    good = json.dumps({"id": "ok", "text": TEXT}, ensure_ascii=False).encode("utf-8")
    path.write_bytes(good + b"\n" + b'{"id": "x", "text": "\x81\xff\xfe\x80"}\n' + good + b"\n")
    items = read(path)
    assert len(articles(items)) == 2
    (error,) = errors(items)
    assert error.line == 2


def test_article_over_the_size_limit_is_reported_with_the_fix(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "a.jsonl",
        {"id": "big", "text": "长" * 500},
        {"id": "small", "text": TEXT},
    )
    items = read(path, max_chars=100)
    (error,) = errors(items)
    assert (error.line, error.article_id) == (1, "big")
    assert "max_chars" in str(error) and MAX_CHARS_ENV in str(error)
    assert [a.meta.id for a in articles(items)] == ["small"]


def test_json_line_far_over_the_limit_is_skipped_without_reading_it_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    huge = json.dumps({"id": "huge", "text": "x" * 200_000})
    path.write_text(huge + "\n" + json.dumps({"id": "next", "text": TEXT}) + "\n")
    items = read(path, max_chars=100)
    (error,) = errors(items)
    assert error.line == 1
    assert [a.meta.id for a in articles(items)] == ["next"]


def test_text_file_over_the_limit_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("长" * 1000, encoding="utf-8")
    (error,) = read(path, max_chars=100)
    assert isinstance(error, InputError)
    assert "split the article" in str(error)


def test_size_limit_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    monkeypatch.setenv(MAX_CHARS_ENV, "10")
    assert isinstance(read(path)[0], InputError)
    monkeypatch.setenv(MAX_CHARS_ENV, "ten")
    with pytest.raises(ConfigError, match=MAX_CHARS_ENV):
        read(path)


def test_missing_path_is_reported_and_others_read(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text(TEXT, encoding="utf-8")
    first, second = read(tmp_path / "missing.txt", good)
    assert isinstance(first, InputError) and "no such file" in str(first)
    assert isinstance(second, Article)


def test_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("乙。" + TEXT, encoding="utf-8")
    (tmp_path / "a.txt").write_text("甲。" + TEXT, encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "c1", "text": TEXT}) + "\n")
    (tmp_path / "notes.csv").write_text("ignored", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "h.txt").write_text("隐藏。", encoding="utf-8")
    items = read(tmp_path)
    assert all(isinstance(item, Article) for item in items)
    assert [a.text[:2] for a in articles(items)] == ["甲。", "乙。", "某银"]
    assert read(tmp_path) == items


def test_empty_folder_is_reported(tmp_path: Path) -> None:
    (error,) = read(tmp_path)
    assert isinstance(error, InputError)
    assert "no article file" in str(error)


def test_json_list_file_names_the_line_of_each_bad_article(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(
        '[\n  {"id": "j1", "text": "甲银行存管上线。"},\n  {"id": "j2", "text": 5},\n'
        '  {"id": "j3", "text": "丙平台清退。"}\n]\n',
        encoding="utf-8",
    )
    items = read(path)
    assert [a.meta.id for a in articles(items)] == ["j1", "j3"]
    (error,) = errors(items)
    assert (error.line, error.article_id) == (3, "j2")


def test_malformed_json_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('[{"id": "j1", "text": "甲。"},\n {"id": ', encoding="utf-8")
    items = read(path)
    assert [a.meta.id for a in articles(items)] == ["j1"]
    (error,) = errors(items)
    assert error.line == 2


def test_single_object_json_file(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"id": "one", "text": TEXT}), encoding="utf-8")
    (article,) = read(path)
    assert isinstance(article, Article) and article.meta.id == "one"


def test_markdown_is_stripped_to_text(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "---\ntitle: 合作公告\ndate: 2019-01-25\nsource: 某网\n---\n"
        "# 某银行与某科技公司合作\n\n**某银行**宣布与[某科技公司](https://example.org)合作。\n\n"
        "![图](x.png)\n\n- 大数据风控\n- 区块链存证\n\n```\nprint('code')\n```\n",
        encoding="utf-8",
    )
    (article,) = read(path)
    assert isinstance(article, Article)
    assert article.text == (
        "某银行与某科技公司合作\n\n某银行宣布与某科技公司合作。\n\n大数据风控\n区块链存证"
    )
    assert (article.meta.title, article.meta.published_at, article.meta.source) == (
        "合作公告",
        date(2019, 1, 25),
        "某网",
    )


def test_html_main_text_and_meta(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text(
        "<html><head><title>合作 - 某网</title>"
        '<meta property="og:title" content="某银行与某科技公司合作">'
        '<meta property="article:published_time" content="2019-01-25T09:30:00+08:00">'
        '<meta property="og:site_name" content="某网">'
        '<link rel="canonical" href="https://example.org/a"></head>'
        "<body><nav>首页 | 财经</nav><article><h1>某银行与某科技公司合作</h1>"
        "<p>某银行宣布与<b>某科技公司</b>合作。</p><p>双方将共建实验室。<br>下一行。</p>"
        "<script>var x = 1;</script></article><footer>版权所有</footer></body></html>",
        encoding="utf-8",
    )
    (article,) = read(path)
    assert isinstance(article, Article)
    assert article.text == (
        "某银行与某科技公司合作\n某银行宣布与某科技公司合作。\n双方将共建实验室。\n下一行。"
    )
    assert article.meta.title == "某银行与某科技公司合作"
    assert article.meta.published_at == date(2019, 1, 25)
    assert (article.meta.source, article.meta.url) == ("某网", "https://example.org/a")


def test_html_in_gbk_with_body_only(tmp_path: Path) -> None:
    path = tmp_path / "a.htm"
    path.write_bytes("<html><body><p>某平台宣布清退。</p></body></html>".encode("gbk"))
    (article,) = read(path)
    assert isinstance(article, Article)
    assert article.text == "某平台宣布清退。"


def test_stdin_json_lines_are_streamed() -> None:
    lines = "".join(
        json.dumps({"id": f"s{n}", "text": f"第{n}篇。{TEXT}"}, ensure_ascii=False) + "\n"
        for n in range(3)
    )
    items = read("-", stdin=io.BytesIO(lines.encode("utf-8")))
    assert [a.meta.id for a in articles(items)] == ["s0", "s1", "s2"]


def test_stdin_plain_text_from_a_text_stream() -> None:
    (article,) = read("-", stdin=io.StringIO(TEXT))
    assert isinstance(article, Article)
    assert article.text == TEXT


def test_stdin_errors_are_labelled_stdin() -> None:
    (error,) = read("-", stdin=io.BytesIO(b'{"id": "x"}\n'))
    assert isinstance(error, InputError)
    assert (error.path, error.line, error.article_id) == ("<stdin>", 1, "x")


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "export.data"
    path.write_text(json.dumps({"id": "x1", "text": TEXT}) + "\n", encoding="utf-8")
    (article,) = read(path)
    assert isinstance(article, Article) and article.meta.id == "x1"


def test_a_single_path_may_be_given_bare(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    (article,) = read_articles(str(path))
    assert isinstance(article, Article)


@pytest.mark.parametrize(
    ("content", "text"),
    [
        ("[图片]某平台宣布清退。", "某平台宣布清退。"),
        ("<<某某报告>>显示，网贷平台减少。", "<<某某报告>>显示，网贷平台减少。"),
        ("{IMG:1}某平台宣布清退。", "某平台宣布清退。"),
    ],
)
def test_stdin_text_that_only_looks_like_json_or_html(content: str, text: str) -> None:
    (article,) = read("-", stdin=io.BytesIO(content.encode("utf-8")))
    assert isinstance(article, Article)
    assert article.text == text


def test_stdin_html_and_json_list_are_sniffed() -> None:
    (page,) = read("-", stdin=io.BytesIO("<!DOCTYPE html><p>某平台清退。</p>".encode()))
    assert isinstance(page, Article) and page.text == "某平台清退。"
    listed = read("-", stdin=io.BytesIO(b'[{"id": "l1", "text": "x"}]'))
    assert [a.meta.id for a in articles(listed)] == ["l1"]


NAVIGATION_ONLY = "上一篇：某网今日要闻汇总 下一篇：某网明日看点\n我要评论\n下一条：更多新闻"


def test_a_title_over_a_navigation_only_body_is_read(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "nav.jsonl",
        {"id": "nav", "title": "老平台青木贷发布清盘公告", "text": NAVIGATION_ONLY},
        {"id": "title-only", "title": "青木贷清盘", "text": ""},
        {"id": "nothing", "title": "", "text": NAVIGATION_ONLY},
    )
    items = read(path)
    nav, title_only = articles(items)
    assert nav.text == "老平台青木贷发布清盘公告"
    assert (nav.meta.title, nav.meta.char_count) == ("老平台青木贷发布清盘公告", len(nav.text))
    assert title_only.text == "青木贷清盘"
    (error,) = errors(items)
    assert error.article_id == "nothing" and "no title" in str(error)


def test_extraction_reads_the_title_when_the_body_has_nothing() -> None:
    from fintech_kg.extraction import extract
    from fintech_kg.reading import make_article

    article = make_article(NAVIGATION_ONLY, id="nav", title="网贷平台青木贷发布清盘公告")
    record = extract(article)
    (platform,) = [e for e in record.entities if e.id == "青木贷"]
    for mention in platform.mentions:  # offsets point into the text the article carries
        assert article.text[mention.start : mention.end] == mention.text
    assert "青木贷" in {s for event in record.events for s in event.subjects}


def test_a_title_missing_from_a_body_with_news_stays_out_of_the_text() -> None:
    from fintech_kg.reading import make_article

    article = make_article(TEXT, title="双方合作")
    assert article.text == TEXT
