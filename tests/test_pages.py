"""The listening site: the transcript by paragraph, the pages a build writes, and the pages
themselves in a real Chromium (Debian's chromium and chromium-driver, driven by Selenium),
served by the project's own server, checked through the browser's DOM and with axe-core.

Outside CI a missing browser or axe-core skips the browser tests, saying what to install;
under CI (CI=true) it fails them.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

import pytest
from lxml import etree, html

from audio_edition import pages
from audio_edition.build import BuildOptions, build, prepare
from audio_edition.config import load_edition, load_voices
from audio_edition.errors import ConfigError
from audio_edition.model import Timing
from audio_edition.serve import PodcastServer

from conftest import FIXTURES, ROOT, episode_file

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
AXE = Path(os.environ.get("AXE_CORE_JS",
                          ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"))
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync",
                  "--autoplay-policy=no-user-gesture-required", "--mute-audio"]

KRAN = ("Der Hafen bekommt einen neuen Kran\n\n"
        "Jan Ortmann leitet den Hafen seit zehn Jahren. „Der Kran war längst fällig“, sagte er "
        "am Montag.\n\nDie Arbeiten beginnen im Frühjahr.\n")
"""An article of ours whose quote is attributed with a pronoun."""


def _cfg(out: Path, **extra):
    return load_edition(out, {"base_url": "http://127.0.0.1:8000/", "title": "Riverside Audio",
                              "language": "en", **extra})


def _built(out: Path, sources: list[Path], voices: Path, **kw):
    return build(sources, out, _cfg(out), voices, BuildOptions(cache=None), **kw)


def _sentences(doc) -> list:
    return doc.xpath("//*[contains(concat(' ', @class, ' '), ' transcript ')]//*[@data-start]")


# -- the transcript by paragraph -------------------------------------------------------------------

@pytest.fixture
def ferry(fixtures, silent_voices):
    prep = prepare(fixtures / "ferry.md", load_voices(silent_voices), "en")
    timings = [Timing(i, 1.0 + 2 * i, 2.5 + 2 * i) for i in range(len(prep.utterances))]
    return prep, timings


def test_paragraphs_follow_the_article_with_every_sentences_timing(ferry):
    prep, timings = ferry
    paras = pages.paragraphs(prep.script, prep.utterances, timings)
    assert [p.kind for p in paras] == ["title", "teaser", "paragraph", "heading", "paragraph",
                                       "heading", "paragraph"]
    flat = [s for p in paras for r in p.runs for s in r.sentences]
    assert [s.text for s in flat] == [u.text for u in prep.utterances]
    assert [(s.start, s.end) for s in flat] == [(t.start, t.end) for t in timings]


def test_a_quote_is_a_run_of_its_own_with_the_person_who_says_it(ferry):
    prep, timings = ferry
    first = pages.paragraphs(prep.script, prep.utterances, timings)[2]
    assert [(r.role, r.speaker) for r in first.runs] == [
        ("narrator", None), ("quote", "Anton Reyes"), ("narrator", None)]


def test_a_quote_attributed_with_a_pronoun_names_the_person(tmp_path, silent_voices):
    article = tmp_path / "kran.txt"
    article.write_text(KRAN, encoding="utf-8")
    prep = prepare(article, load_voices(silent_voices), "de")
    timings = [Timing(i, i, i + 0.5) for i in range(len(prep.utterances))]
    runs = [r for p in pages.paragraphs(prep.script, prep.utterances, timings) for r in p.runs]
    quote = next(r for r in runs if r.role == "quote")
    assert quote.speaker == "Jan Ortmann"


def test_paragraphs_come_back_from_their_json_unchanged(ferry):
    prep, timings = ferry
    paras = pages.paragraphs(prep.script, prep.utterances, timings)
    assert pages.paragraphs_from_json(pages.paragraphs_json(paras)) == paras
    with pytest.raises(ValueError):
        pages.paragraphs_from_json('{"version": 99, "paragraphs": []}')
    with pytest.raises(ValueError):
        pages.paragraphs_from_json('{"version": 1, "paragraphs": [{"kind": "x"}]}')


def test_a_vtt_gives_a_transcript_by_speaker_for_episodes_built_before_the_pages():
    vtt = ("WEBVTT\n\n00:00:00.500 --> 00:00:02.000\n<v Narrator>The ferry &amp; the mill\n\n"
           "00:00:02.500 --> 00:00:04.000\n<v Narrator>crossed the river.\n\n"
           "01:00:04.500 --> 01:00:06.000\n<v Anton Reyes>We have not bought\ndiesel,\n\n"
           "01:00:06.500 --> 01:00:07.000\n<v Quote>Nobody said this.\n")
    paras = pages.paragraphs_from_vtt(vtt)
    assert [(p.runs[0].role, p.runs[0].speaker) for p in paras] == [
        ("narrator", None), ("quote", "Anton Reyes"), ("quote", None)]
    assert [s.text for s in paras[0].runs[0].sentences] == ["The ferry & the mill",
                                                            "crossed the river."]
    assert paras[1].runs[0].sentences[0] == pages.Sentence("We have not bought diesel,",
                                                           3604.5, 3606.0)


def test_clock_iso_duration_and_short_descriptions():
    assert [pages.clock(s) for s in (0, 65.9, 3723)] == ["0:00", "1:05", "1:02:03"]
    assert [pages.iso_duration(s) for s in (5, 65, 3723)] == ["PT5S", "PT1M5S", "PT1H2M3S"]
    assert pages.short("a b " * 200, 20) == "a b a b a b a b a …"
    assert pages.short("  kept   as is ") == "kept as is"


def test_app_links_carry_the_feed_address_as_each_app_expects():
    links = dict(pages.app_links("https://audio.example/feed/feed.xml", "Hafen & Fähre"))
    assert links["Apple Podcasts"] == "podcast://audio.example/feed/feed.xml"
    assert links["Pocket Casts"] == "pktc://subscribe/audio.example/feed/feed.xml"
    assert links["Overcast"] == ("overcast://x-callback-url/add?url="
                                 "https%3A%2F%2Faudio.example%2Ffeed%2Ffeed.xml")
    assert links["AntennaPod"].endswith("url=https%3A%2F%2Faudio.example%2Ffeed%2Ffeed.xml"
                                        "&title=Hafen%20%26%20F%C3%A4hre")
    assert links["gPodder"] == "gpodder:https://audio.example/feed/feed.xml"


# -- the pages a build writes --------------------------------------------------------------------

def test_build_writes_the_index_and_a_page_and_an_embed_per_episode(work, fixtures, silent_voices,
                                                                     tmp_path):
    out = tmp_path / "out"
    res = _built(out, [fixtures / "ferry.md", work / "kurz.txt"], silent_voices)
    assert res.site == out / "index.html"
    for ep in res.episodes:
        assert (out / ep.page_file).is_file() and (out / ep.embed_file).is_file()
        assert (out / ep.paragraphs_file).is_file()
    index = html.parse(str(out / "index.html")).getroot()
    titles = index.xpath("//ol[@class='episodes']//h3/a")
    manifest = json.loads((out / "feed" / "episodes.json").read_text())["episodes"]
    assert [a.text for a in titles] == [e["title"] for e in manifest]
    assert [a.get("href") for a in titles] == [f"episodes/{e['slug']}.html" for e in manifest]
    assert index.xpath("//input[@id='feed-url']/@value") == [
        "http://127.0.0.1:8000/feed/feed.xml"]
    assert index.xpath("//img[contains(@class, 'cover')]/@src") == ["feed/cover.png"]
    kurz = html.parse(str(out / "episodes" / "kurz.html")).getroot()
    assert kurz.get("lang") == "de"
    assert kurz.xpath("//button[@data-action='toggle']/@aria-label") == ["Abspielen"]
    assert kurz.xpath("//h2[@id='transcript-h']/text()") == ["Transkript"]
    ferry = html.parse(str(out / "episodes" / "ferry.html")).getroot()
    assert ferry.get("lang") == "en"
    assert ferry.xpath("//h2[@id='chapters-h']/text()") == ["Chapters"]
    assert len(ferry.xpath("//audio")) == 1
    assert ferry.xpath("//audio/@src") == [f"../audio/{episode_file(out, 'ferry').name}"]
    snippet = ferry.xpath("//textarea[@id='embed-code']")[0].text
    assert 'src="http://127.0.0.1:8000/embed/ferry.html"' in snippet


def test_the_feed_items_link_their_episode_pages(fixtures, silent_voices, tmp_path):
    out = tmp_path / "out"
    _built(out, [fixtures / "ferry.md"], silent_voices)
    doc = etree.parse(str(out / "feed" / "feed.xml"))
    assert doc.xpath("//item/link/text()") == ["http://127.0.0.1:8000/episodes/ferry.html"]
    assert doc.xpath("/rss/channel/link/text()") == ["http://127.0.0.1:8000/"]


def test_every_sentence_and_chapter_is_in_the_html_with_its_times(fixtures, silent_voices,
                                                                  tmp_path):
    out = tmp_path / "out"
    ep = _built(out, [fixtures / "ferry.md"], silent_voices).episodes[0]
    doc = html.parse(str(out / ep.page_file)).getroot()
    paras = pages.load_paragraphs(out, ep)
    flat = [s for p in paras for r in p.runs for s in r.sentences]
    spans = _sentences(doc)
    assert [s.text_content() for s in spans] == [s.text for s in flat]
    assert [(float(s.get("data-start")), float(s.get("data-end"))) for s in spans] == [
        (s.start, s.end) for s in flat]
    chapters = json.loads((out / ep.chapters_file).read_text())["chapters"]
    links = doc.xpath("//section[@class='chapters']//a[@data-start]")
    assert [(a.text, float(a.get("data-start"))) for a in links] == [
        (c["title"], c["startTime"]) for c in chapters]
    assert len(doc.xpath("//div[@class='marks']/span")) == len(chapters)
    assert doc.xpath("//*[@aria-current]") == []  # set by the script, never in the HTML
    who = doc.xpath("//span[@class='who']/text()")
    assert who == ["Anton Reyes", "Lena Park"]


def test_an_unchanged_episode_keeps_its_page_and_the_index_lists_every_episode(
        work, fixtures, silent_voices, tmp_path):
    out = tmp_path / "out"
    _built(out, [fixtures / "ferry.md"], silent_voices)
    page = out / "episodes" / "ferry.html"
    before = page.stat().st_mtime_ns, page.read_bytes()
    res = _built(out, [work / "kurz.txt", fixtures / "ferry.md"], silent_voices)
    assert [e.slug for e in res.episodes] == ["kurz"]
    assert [e.slug for e in res.unchanged] == ["ferry"]
    assert (page.stat().st_mtime_ns, page.read_bytes()) == before  # not even rewritten
    index = html.parse(str(out / "index.html")).getroot()
    assert sorted(index.xpath("//ol[@class='episodes']//h3/a/@href")) == [
        "episodes/ferry.html", "episodes/kurz.html"]
    res = _built(out, [work / "short.md"], silent_voices)  # the others are not sources now
    index = html.parse(str(out / "index.html")).getroot()
    assert len(index.xpath("//ol[@class='episodes']/li")) == 3
    assert (page.stat().st_mtime_ns, page.read_bytes()) == before


def test_a_new_version_of_an_article_updates_its_page_and_retires_the_old_transcript(
        silent_voices, tmp_path):
    out, src = tmp_path / "out", tmp_path / "src"
    src.mkdir()
    article = src / "pier.md"
    article.write_text("---\ntitle: The pier\nid: pier-2026\nlang: en\n---\n\n"
                       "The pier opens on Friday.\n", encoding="utf-8")
    first = _built(out, [article], silent_voices).episodes[0]
    article.write_text("---\ntitle: The old pier\nid: pier-2026\nlang: en\n---\n\n"
                       "The pier opens on Saturday, a day late.\n", encoding="utf-8")
    second = _built(out, [article], silent_voices).episodes[0]
    assert second.slug == first.slug and second.guid == first.guid  # the same episode
    assert second.paragraphs_file != first.paragraphs_file
    assert not (out / first.paragraphs_file).exists()  # retired with its version
    assert not (out / first.audio_file).exists()
    page = html.parse(str(out / second.page_file)).getroot()
    assert page.xpath("//audio/@src") == [f"../{second.audio_file}"]
    assert page.xpath("//h1/text()") == ["The old pier"]
    assert "Saturday" in " ".join(e.text_content() for e in _sentences(page))
    index = html.parse(str(out / "index.html")).getroot()
    assert index.xpath("//ol[@class='episodes']//h3/a/text()") == ["The old pier"]
    assert sorted(p.name for p in (out / "episodes").iterdir()) == [f"{first.slug}.html"]


def test_a_failed_build_writes_no_pages(silent_voices, tmp_path):
    out, src = tmp_path / "out", tmp_path / "src"
    src.mkdir()
    (src / "broken.md").write_text("---\ntitle: T\ndate: 2026-13-45\n---\n\nText.\n",
                                   encoding="utf-8")
    res = _built(out, [src / "broken.md"], silent_voices)
    assert res.failures and not res.episodes
    assert not (out / "index.html").exists() and not (out / "episodes").exists()


def _tree(out: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``out`` (but the build's lock) with its inode and modification time."""
    return {p.relative_to(out).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in out.rglob("*") if p.is_file() and not p.name.endswith(".lock")}


def test_a_build_in_which_nothing_changed_rewrites_no_file(work, fixtures, silent_voices,
                                                           tmp_path):
    out = tmp_path / "out"
    _built(out, [fixtures / "ferry.md", work / "kurz.txt"], silent_voices)
    before = _tree(out)
    assert {"index.html", "episodes/ferry.html", "embed/kurz.html", "feed/feed.xml",
            "feed/episodes.json", "assets/audio-edition.js"} <= set(before)
    res = _built(out, [fixtures / "ferry.md", work / "kurz.txt"], silent_voices)
    assert not res.episodes and len(res.unchanged) == 2
    assert _tree(out) == before


def test_a_retitled_and_renamed_article_keeps_its_page_address(silent_voices, tmp_path):
    out, src = tmp_path / "out", tmp_path / "src"
    src.mkdir()
    (src / "pier.md").write_text("---\ntitle: The pier\nid: pier-2026\nlang: en\n---\n\n"
                                 "The pier opens on Friday.\n", encoding="utf-8")
    first = _built(out, [src / "pier.md"], silent_voices).episodes[0]
    (src / "pier.md").rename(src / "harbour-pier.md")
    (src / "harbour-pier.md").write_text("---\ntitle: The harbour pier\nid: pier-2026\n"
                                         "lang: en\n---\n\nThe pier opens on Friday.\n",
                                         encoding="utf-8")
    second = _built(out, [src / "harbour-pier.md"], silent_voices).episodes[0]
    assert (second.guid, second.slug, second.page_file) == (first.guid, "pier",
                                                            "episodes/pier.html")
    assert sorted(p.name for p in (out / "episodes").iterdir()) == ["pier.html"]
    assert sorted(p.name for p in (out / "embed").iterdir()) == ["pier.html"]
    page = html.parse(str(out / "episodes" / "pier.html")).getroot()
    assert page.xpath("//h1/text()") == ["The harbour pier"]
    assert page.xpath("//audio/@src") == [f"../{second.audio_file}"]
    embed = html.parse(str(out / "embed" / "pier.html")).getroot()
    assert embed.xpath("//audio/@src") == [f"../{second.audio_file}"]
    index = html.parse(str(out / "index.html")).getroot()
    assert index.xpath("//ol[@class='episodes']//h3/a/text()") == ["The harbour pier"]
    assert index.xpath("//ol[@class='episodes']//h3/a/@href") == ["episodes/pier.html"]
    doc = etree.parse(str(out / "feed" / "feed.xml"))
    assert doc.xpath("//item/title/text()") == ["The harbour pier"]
    assert doc.xpath("//item/link/text()") == ["http://127.0.0.1:8000/episodes/pier.html"]
    assert not (out / first.audio_file).exists() and not (out / first.paragraphs_file).exists()


def test_an_article_no_longer_given_keeps_its_episode_and_its_page(work, fixtures,
                                                                   silent_voices, tmp_path):
    out = tmp_path / "out"
    kurz = _built(out, [fixtures / "ferry.md", work / "kurz.txt"], silent_voices).episodes[1]
    page = (out / kurz.page_file).read_bytes()
    (work / "kurz.txt").unlink()  # the feed keeps every episode it published
    _built(out, [fixtures / "ferry.md"], silent_voices)
    assert (out / kurz.page_file).read_bytes() == page
    assert (out / kurz.audio_file).is_file() and (out / kurz.paragraphs_file).is_file()
    index = html.parse(str(out / "index.html")).getroot()
    assert "episodes/kurz.html" in index.xpath("//ol[@class='episodes']//h3/a/@href")


def test_an_episode_taken_out_of_the_manifest_loses_its_pages_and_files(
        work, fixtures, silent_voices, tmp_path):
    out = tmp_path / "out"
    res = _built(out, [fixtures / "ferry.md", work / "kurz.txt"], silent_voices)
    kurz = next(e for e in res.episodes if e.slug == "kurz")
    manifest = out / "feed" / "episodes.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["episodes"] = [e for e in data["episodes"] if e["slug"] != "kurz"]
    manifest.write_text(json.dumps(data), encoding="utf-8")
    (out / "episodes" / "notes.txt").write_text("not a page of ours\n")
    _built(out, [fixtures / "ferry.md"], silent_voices)
    assert not (out / kurz.page_file).exists() and not (out / kurz.embed_file).exists()
    assert not any((out / f).exists() for f in kurz.files())
    assert sorted(p.name for p in (out / "episodes").iterdir()) == ["ferry.html", "notes.txt"]
    index = html.parse(str(out / "index.html")).getroot()
    assert index.xpath("//ol[@class='episodes']//h3/a/@href") == ["episodes/ferry.html"]
    assert etree.parse(str(out / "feed" / "feed.xml")).xpath("//item/link/text()") == [
        "http://127.0.0.1:8000/episodes/ferry.html"]


def test_templates_in_the_output_folder_replace_the_shipped_ones_and_rewrite_every_page(
        fixtures, silent_voices, tmp_path):
    out = tmp_path / "out"
    _built(out, [fixtures / "ferry.md"], silent_voices)
    (out / "templates").mkdir()
    (out / "templates" / "episode.html").write_text(
        '{% extends "base.html" %}{% block body %}<p id="own">{{ ep.title }}</p>'
        '{% include "player.html" %}{% endblock %}', encoding="utf-8")
    (out / "templates" / "audio-edition.css").write_text("body { color: black }\n")
    res = _built(out, [fixtures / "ferry.md"], silent_voices)
    assert not res.episodes and [e.slug for e in res.unchanged] == ["ferry"]  # no new audio
    doc = html.parse(str(out / "episodes" / "ferry.html")).getroot()
    assert doc.xpath("//p[@id='own']/text()") == ["The river ferry now runs on sunshine"]
    assert (out / "assets" / "audio-edition.css").read_text() == "body { color: black }\n"
    # the embed and the index still come from the shipped templates
    assert html.parse(str(out / "embed" / "ferry.html")).getroot().xpath("//audio")
    shutil.rmtree(out / "templates")
    _built(out, [fixtures / "ferry.md"], silent_voices)
    doc = html.parse(str(out / "episodes" / "ferry.html")).getroot()
    assert not doc.xpath("//p[@id='own']") and len(_sentences(doc)) > 5


def test_a_broken_template_fails_the_build_at_once_and_writes_nothing(fixtures, silent_voices,
                                                                      tmp_path):
    out = tmp_path / "out"
    (out / "templates").mkdir(parents=True)
    (out / "templates" / "index.html").write_text('{% extends "base.html" %}\n{% block body %}'
                                                  '\n{% if %}\n{% endblock %}\n')
    with pytest.raises(ConfigError) as err:
        _built(out, [fixtures / "ferry.md"], silent_voices)
    message = err.value.format_message()
    assert "templates/index.html" in message and "line 3" in message
    assert not (out / "index.html").exists() and not (out / "audio").exists()


def test_a_template_that_fails_while_rendering_leaves_the_previous_site(fixtures, silent_voices,
                                                                        tmp_path):
    out = tmp_path / "out"
    _built(out, [fixtures / "ferry.md"], silent_voices)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (out / "templates").mkdir()
    (out / "templates" / "embed.html").write_text("{{ ep.no_such_thing }}")
    with pytest.raises(ConfigError, match="no_such_thing"):
        build([fixtures / "ferry.md"], out, _cfg(out, title="Another title"), silent_voices,
              BuildOptions(cache=None))
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file() and "templates" not in p.parts}
    assert after == before


def test_an_episode_built_before_the_pages_gets_a_page_from_its_vtt(fixtures, silent_voices,
                                                                   tmp_path):
    out = tmp_path / "out"
    ep = _built(out, [fixtures / "ferry.md"], silent_voices).episodes[0]
    # as an older build left it: no paragraphs file, none named in the manifest
    (out / ep.paragraphs_file).unlink()
    manifest = out / "feed" / "episodes.json"
    data = json.loads(manifest.read_text())
    for e in data["episodes"]:
        e.pop("paragraphs_file")
    manifest.write_text(json.dumps(data))
    site = pages.Site(out)
    from audio_edition.feed import load_manifest

    site.write(_cfg(out), load_manifest(out), "feed/cover.png")
    doc = html.parse(str(out / ep.page_file)).getroot()
    cues = [c for c in (out / ep.vtt_file).read_text().split("\n\n")[1:] if "-->" in c]
    assert len(_sentences(doc)) == len(cues)
    assert "Anton Reyes" in doc.xpath("//span[@class='who']/text()")


def test_an_edition_shows_each_articles_title_as_a_heading(fixtures, silent_voices, tmp_path):
    out = tmp_path / "out"
    ep = _built(out, [fixtures / "ferry.md", fixtures / "short.md"], silent_voices,
                edition="Weekend, 28 November").episodes[0]
    doc = html.parse(str(out / ep.page_file)).getroot()
    h3 = [h.text_content() for h in doc.xpath("//section[@class='transcript']//h3")]
    assert h3 == ["The river ferry now runs on sunshine", "A bridge reopens after two years"]
    assert "The cost" in [h.text_content() for h in doc.xpath("//section[@class='transcript']//h4")]
    flat = [s for p in pages.load_paragraphs(out, ep) for r in p.runs for s in r.sentences]
    assert len(_sentences(doc)) == len(flat) > 10


def test_the_script_and_stylesheet_are_small():
    size = sum((pages.PACKAGE_SITE / name).stat().st_size for name in pages.ASSETS)
    assert size <= 30 * 1024


# -- in the browser ------------------------------------------------------------------------------

def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Two episodes and their pages, built with the silent engine and served on loopback."""
    out = tmp_path_factory.mktemp("site")
    build([FIXTURES / "ferry.md", FIXTURES / "short.md"], out, _cfg(out),
          FIXTURES / "voices-silent", BuildOptions(cache=None))
    server = PodcastServer(out, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield out, server.url
    server.shutdown()
    server.server_close()


def _driver(javascript: bool = True):
    try:
        from selenium import webdriver
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _unavailable("selenium is not installed (pip install -e '.[test]')")
    if not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)):
        _unavailable(f"{CHROMIUM} or {CHROMEDRIVER} missing (apt-get install chromium "
                     "chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tempfile.mkdtemp(prefix='chromium-')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if not javascript:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2})
    try:
        # The executable path given, so Selenium Manager never looks for (or downloads) one.
        driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    except WebDriverException as exc:
        _unavailable(f"chromium does not start: {exc.msg}")
    driver.set_window_size(1280, 900)
    return driver


@pytest.fixture(scope="module")
def browser():
    driver = _driver()
    yield driver
    driver.quit()


def _open(browser, url: str, scheme: str = "light", motion: str = "no-preference"):
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [
        {"name": "prefers-color-scheme", "value": scheme},
        {"name": "prefers-reduced-motion", "value": motion}]})
    browser.get(url)
    browser.execute_script("localStorage.clear()")
    browser.get(url)  # with nothing remembered
    _wait(browser, "var a = document.querySelector('audio'); return !a || a.readyState >= 1")


def _wait(browser, script: str, *args, timeout: float = 10.0):
    """Returns the script's value once it is truthy; fails after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = browser.execute_script(script, *args)
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for: {script}")
        time.sleep(0.05)


def _errors(browser) -> list[dict]:
    return [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]


def _current(browser):
    return browser.execute_script(
        "var all = document.querySelectorAll('[aria-current]');"
        "return [all.length, all.length ? all[0].getAttribute('aria-current') : null,"
        "        all.length ? Number(all[0].dataset.start) : null]")


def _audio(browser, prop: str):
    return browser.execute_script(f"return document.querySelector('audio').{prop}")


def test_the_pages_load_without_console_errors(site, browser):
    out, url = site
    browser.get_log("browser")  # drop what came before
    for page in ("index.html", "episodes/ferry.html", "embed/ferry.html", "episodes/short.html",
                 ""):
        _open(browser, url + page)
        browser.execute_script("var a = document.querySelector('audio'); if (a) a.currentTime = 3")
        time.sleep(0.2)
        assert _errors(browser) == [], page
    assert browser.title == "Riverside Audio"  # "/" is the index


def test_setting_current_time_highlights_the_sentence_heard_then(site, browser):
    out, url = site
    _open(browser, url + "episodes/ferry.html")
    spans = browser.execute_script(
        "return Array.from(document.querySelectorAll('.transcript [data-start]'))"
        ".map(e => [Number(e.dataset.start), Number(e.dataset.end)])")
    assert len(spans) > 8 and _audio(browser, "paused")
    for start, end in [spans[0], spans[4], spans[-1], spans[2]]:
        middle = (start + end) / 2
        browser.execute_script(
            "var a = document.querySelector('audio'); a.pause(); a.currentTime = arguments[0];",
            middle)
        _wait(browser, "return document.querySelector('[aria-current]') && Number("
                       "document.querySelector('[aria-current]').dataset.start) === arguments[0]",
              start)
        assert _current(browser) == [1, "true", start]
    browser.execute_script("document.querySelector('audio').currentTime = 0")
    _wait(browser, "return document.querySelectorAll('[aria-current]').length === 0")


def _click_plays_from_start(browser, url: str, selector: str, n: int):
    """Clicks the ``n``th element matching ``selector`` on the ferry's page, checks that the
    audio plays from its data-start, pauses it, and returns the element."""
    _open(browser, url + "episodes/ferry.html")
    element = browser.find_elements("css selector", selector)[n]
    start = float(element.get_attribute("data-start"))
    element.click()
    _wait(browser, "return !document.querySelector('audio').paused")
    browser.execute_script("document.querySelector('audio').pause()")
    assert start <= _audio(browser, "currentTime") < start + 1.5
    return element


def test_clicking_a_sentence_plays_from_its_start(site, browser):
    sentence = _click_plays_from_start(browser, site[1], ".transcript [data-start]", 6)
    assert _current(browser)[:2] == [1, "true"]
    assert sentence.get_attribute("aria-current") == "true"


def test_clicking_a_chapter_seeks_to_its_start(site, browser):
    link = _click_plays_from_start(browser, site[1], ".chapters a[data-start]", 2)
    assert browser.current_url.endswith("episodes/ferry.html")  # stayed on the page
    assert "now" in link.find_element("xpath", "..").get_attribute("class")


def test_space_plays_and_pauses_and_the_arrows_skip_fifteen_seconds(site, browser):
    from selenium.webdriver.common.keys import Keys

    out, url = site
    _open(browser, url + "episodes/ferry.html")
    body = browser.find_element("tag name", "body")
    body.send_keys(Keys.SPACE)
    _wait(browser, "return !document.querySelector('audio').paused")
    _wait(browser, "return document.querySelector('[data-action=toggle]')"
                   ".getAttribute('aria-label') === 'Pause'")
    body.send_keys(Keys.SPACE)
    _wait(browser, "return document.querySelector('audio').paused")
    _wait(browser, "return document.querySelector('[data-action=toggle]')"
                   ".getAttribute('aria-label') === 'Play'")
    browser.execute_script("document.querySelector('audio').currentTime = 2")
    body.send_keys(Keys.ARROW_RIGHT)
    assert _audio(browser, "currentTime") == pytest.approx(17, abs=0.01)
    body.send_keys(Keys.ARROW_LEFT)
    body.send_keys(Keys.ARROW_LEFT)
    assert _audio(browser, "currentTime") == pytest.approx(0, abs=0.01)
    assert browser.execute_script("return window.scrollY") == 0  # space did not scroll


def test_the_buttons_speed_and_seek_bar_control_the_audio(site, browser):
    out, url = site
    _open(browser, url + "episodes/ferry.html")
    browser.execute_script("document.querySelector('audio').currentTime = 20")
    browser.find_element("css selector", "[data-action=back]").click()
    assert _audio(browser, "currentTime") == pytest.approx(5, abs=0.01)
    browser.find_element("css selector", "[data-action=forward]").click()
    assert _audio(browser, "currentTime") == pytest.approx(20, abs=0.01)
    speeds = browser.execute_script(
        "return Array.from(document.querySelectorAll('[data-speed] option')).map(o => o.value)")
    assert speeds == ["0.75", "1", "1.25", "1.5", "1.75", "2"]
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("css selector", "[data-speed]")).select_by_value("1.75")
    assert _audio(browser, "playbackRate") == 1.75
    seek = browser.find_element("css selector", ".seek input")
    browser.execute_script("arguments[0].value = 30;"
                           "arguments[0].dispatchEvent(new Event('input'));"
                           "arguments[0].dispatchEvent(new Event('change'))", seek)
    assert _audio(browser, "currentTime") == pytest.approx(30, abs=0.01)
    _wait(browser, "return arguments[0].getAttribute('aria-valuetext') === '0:30 of 0:37'", seek)
    assert browser.find_element("css selector", "[data-now]").text == "0:30"
    Select(browser.find_element("css selector", "[data-speed]")).select_by_value("1")


def test_the_embedded_player_plays_skips_and_changes_speed(site, browser):
    out, url = site
    _open(browser, url + "embed/ferry.html")
    assert len(browser.find_elements("tag name", "audio")) == 1
    browser.find_element("css selector", "[data-action=toggle]").click()
    _wait(browser, "return !document.querySelector('audio').paused")
    browser.find_element("css selector", "[data-action=toggle]").click()
    _wait(browser, "return document.querySelector('audio').paused")
    browser.execute_script("document.querySelector('audio').currentTime = 4")
    browser.find_element("css selector", "[data-action=forward]").click()
    assert _audio(browser, "currentTime") == pytest.approx(19, abs=0.01)
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("css selector", "[data-speed]")).select_by_value("0.75")
    assert _audio(browser, "playbackRate") == 0.75


def test_a_dark_colour_scheme_gives_light_text_on_a_dark_background(site, browser):
    out, url = site
    colours = {}
    for scheme in ("light", "dark"):
        _open(browser, url + "episodes/ferry.html", scheme=scheme)
        colours[scheme] = browser.execute_script(
            "var s = getComputedStyle(document.body);"
            "function lum(c) { var v = c.match(/[\\d.]+/g).slice(0, 3).map(Number);"
            "  return (0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]) / 255; }"
            "return [lum(s.backgroundColor), lum(s.color)]")
    (light_bg, light_fg), (dark_bg, dark_fg) = colours["light"], colours["dark"]
    assert light_bg > 0.8 and light_fg < 0.3
    assert dark_bg < 0.2 and dark_fg > 0.7


def test_every_control_is_reached_with_tab(site, browser):
    from selenium.webdriver.common.keys import Keys

    out, url = site
    _open(browser, url + "episodes/ferry.html")
    reached = []
    for _ in range(60):  # once round the page
        browser.switch_to.active_element.send_keys(Keys.TAB)
        name = browser.execute_script(
            "var e = document.activeElement; if (e.dataset.tabbed) return null;"
            "e.dataset.tabbed = 1;"
            "return e.getAttribute('data-action') || (e.dataset.copy && 'copy ' + e.dataset.copy)"
            " || (e.matches('[data-speed]') && 'speed') || (e.matches('.seek input') && 'seek')"
            " || (e.matches('[data-follow]') && 'follow') || (e.matches('.chapters a') && 'chapter')"
            " || (e.matches('[download]') && 'download') || e.id || e.tagName")
        if name is None:
            break
        reached.append(name)
    for control in ("toggle", "back", "forward", "seek", "speed", "follow", "embed-code",
                    "copy embed-code"):
        assert control in reached
    assert reached.count("chapter") == 3 and reached.count("download") == 4


def test_the_position_is_remembered_per_episode(site, browser):
    out, url = site
    _open(browser, url + "episodes/ferry.html")
    browser.execute_script("var a = document.querySelector('audio');"
                           "a.currentTime = 21.5; a.play().then(() => a.pause())")
    _wait(browser, "return document.querySelector('audio').paused && "
                   "localStorage.length > 0")
    browser.get(url + "episodes/ferry.html")
    _wait(browser, "return document.querySelector('audio').currentTime > 21")
    assert _audio(browser, "currentTime") == pytest.approx(21.5, abs=0.3)
    assert _current(browser)[0] == 1
    browser.get(url + "episodes/short.html")
    _wait(browser, "return document.querySelector('audio').readyState >= 1")
    time.sleep(0.2)
    assert _audio(browser, "currentTime") == 0


def test_the_sentence_read_is_kept_in_view_when_motion_is_reduced(site, browser):
    out, url = site
    browser.set_window_size(390, 844)
    try:
        _open(browser, url + "episodes/ferry.html", motion="reduce")
        last = browser.find_elements("css selector", ".transcript [data-start]")[-1]
        assert not browser.execute_script(
            "var r = arguments[0].getBoundingClientRect(); return r.top < innerHeight", last)
        browser.execute_script("var a = document.querySelector('audio');"
                               "a.currentTime = Number(arguments[0].dataset.start) + 0.1;"
                               "a.play()", last)
        _wait(browser, "return arguments[0].getAttribute('aria-current') === 'true'", last)
        _wait(browser, "var r = arguments[0].getBoundingClientRect();"
                       "return r.top >= 0 && r.bottom <= innerHeight", last, timeout=2)
        browser.execute_script("document.querySelector('audio').pause()")
    finally:
        browser.set_window_size(1280, 900)


def test_the_copy_button_copies_the_feed_address(site, browser):
    out, url = site
    _open(browser, url + "index.html")
    browser.execute_cdp_cmd("Browser.grantPermissions", {
        "origin": url.rstrip("/"), "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    button = browser.find_element("css selector", "[data-copy=feed-url]")
    assert button.is_displayed()
    button.click()
    _wait(browser, "return document.querySelector('.copy-status').textContent === 'Copied'")
    copied = browser.execute_async_script(
        "var done = arguments[0]; navigator.clipboard.readText().then(done, e => done('' + e))")
    assert copied == "http://127.0.0.1:8000/feed/feed.xml"


def test_without_javascript_the_page_has_the_audio_and_every_sentence(site):
    out, url = site
    driver = _driver(javascript=False)
    try:
        driver.get(url + "episodes/ferry.html")
        audio = driver.find_elements("tag name", "audio")
        assert len(audio) == 1 and audio[0].get_attribute("controls") is not None
        assert audio[0].is_displayed()
        assert not driver.find_element("css selector", ".controls").is_displayed()
        texts = [e.text for e in driver.find_elements("css selector", ".transcript [data-start]")]
        ep = json.loads((out / "feed" / "episodes.json").read_text())["episodes"]
        ferry = next(e for e in ep if e["slug"] == "ferry")
        data = json.loads((out / ferry["paragraphs_file"]).read_text())
        assert texts == [s["text"] for p in data["paragraphs"] for r in p["runs"]
                         for s in r["sentences"]]
        # a chapter link plays the MP3 from the chapter's start (a media fragment)
        start = json.loads((out / ferry["chapters_file"]).read_text())["chapters"][1]["startTime"]
        link = driver.find_elements("css selector", ".chapters a")[1].get_attribute("href")
        assert link == f"{url}{ferry['audio_file']}#t={start:.3f}"
    finally:
        driver.quit()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_or_critical_violations(site, browser, scheme):
    if not AXE.is_file():
        _unavailable(f"axe-core not found at {AXE} (npm install --prefix .ci/node axe-core@4)")
    out, url = site
    source = AXE.read_text(encoding="utf-8")
    for page in ("index.html", "episodes/ferry.html", "embed/ferry.html"):
        _open(browser, url + page, scheme=scheme)
        # while a sentence is highlighted, so its colours are checked too
        browser.execute_script("var a = document.querySelector('audio');"
                               "if (a) a.currentTime = 13")
        if "episodes/" in page:
            _wait(browser, "return document.querySelector('[aria-current]')")
        browser.execute_script(source)
        result = browser.execute_async_script(
            "var done = arguments[0];"
            "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations),"
            " e => done(String(e)))")
        assert isinstance(result, list), result
        bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in result if v["impact"] in ("serious", "critical")]
        assert bad == [], (page, scheme)


@pytest.mark.slow
def test_a_real_espeak_episode_highlights_what_is_being_said(fixtures, tmp_path, browser,
                                                             espeak_voices):
    """With the real engine: the page's sentence times are the VTT's cue times, and the
    browser highlights the sentence under the playhead of the real MP3."""
    out = tmp_path / "out"
    res = build([fixtures / "ferry.md"], out, _cfg(out), espeak_voices,
                BuildOptions(cache=None))
    ep = res.episodes[0]
    doc = html.parse(str(out / ep.page_file)).getroot()
    starts = [float(s.get("data-start")) for s in _sentences(doc)]
    cues = pages.paragraphs_from_vtt((out / ep.vtt_file).read_text())
    cue_starts = {s.start for p in cues for r in p.runs for s in r.sentences}
    assert set(starts) <= cue_starts and starts == sorted(starts)
    assert starts[-1] < ep.duration
    server = PodcastServer(out, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    driver = browser
    driver.get_log("browser")  # drop what earlier tests left
    try:
        _open(driver, server.url + ep.page_file)
        assert _audio(driver, "duration") == pytest.approx(ep.duration, abs=0.1)
        spans = _sentences(doc)
        target = spans[len(spans) // 2]
        middle = (float(target.get("data-start")) + float(target.get("data-end"))) / 2
        driver.execute_script("document.querySelector('audio').currentTime = arguments[0]",
                              middle)
        _wait(driver, "var c = document.querySelector('[aria-current]');"
                      "return c && c.textContent === arguments[0]", target.text_content())
        assert _errors(driver) == []
    finally:
        server.shutdown()
        server.server_close()
