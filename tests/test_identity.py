"""Episode identity: source ids, slots, suffixes for colliding slugs, and old manifests."""

from __future__ import annotations

import datetime as dt
import itertools
import os
from pathlib import Path

from audio_edition import identity
from audio_edition.identity import Claim, assign, edition_source, file_source, slugify
from audio_edition.model import Episode

WHEN = dt.datetime(2026, 11, 28, tzinfo=dt.timezone.utc)


def _episode(slug: str, source: str = "", title: str = "T") -> Episode:
    guid = identity.guid_for(source) if source else identity.legacy_guid(slug)
    return Episode(guid=guid, slug=slug, title=title, description="", lang="de",
                   pub_date=WHEN, audio_file=f"audio/{slug}.mp3", size=1, duration=1.0,
                   source=source)


def _claims(*names: str) -> list[Claim]:
    return [Claim(f"file:{name}", slugify(Path(name).stem)) for name in names]


def test_colliding_names_get_different_slugs_and_guids():
    claims = _claims("a b.md", "a-b.md", "dup.md", "dup.txt", "!!!.md", "....md",
                     "x/night-library.md", "y/night-library.md")
    slots = assign(claims, [])
    assert len({s.slug for s in slots.values()}) == len(claims)
    assert len({s.guid for s in slots.values()}) == len(claims)
    # the first in the order of source ids keeps the plain slug; the others get a suffix
    assert slots["file:a b.md"].slug == "a-b"
    assert slots["file:a-b.md"].slug.startswith("a-b-")
    assert slots["file:dup.md"].slug == "dup" and slots["file:dup.txt"].slug != "dup"


def test_slots_do_not_depend_on_the_order_of_the_claims():
    claims = _claims("a b.md", "a-b.md", "a_b.txt", "A B.html")
    results = {tuple(sorted((k, v.slug, v.guid) for k, v in assign(order, []).items()))
               for order in itertools.permutations(claims)}
    assert len(results) == 1


def test_a_suffix_depends_only_on_the_source():
    # the same source gets the same suffix, whichever other episode holds the plain slug
    one = assign(_claims("y/night-library.md"), [_episode("night-library", "file:x/n.md")])
    two = assign(_claims("y/night-library.md"), [_episode("night-library", "edition:[]")])
    assert one["file:y/night-library.md"].slug == two["file:y/night-library.md"].slug
    assert one["file:y/night-library.md"].slug != "night-library"


def test_an_episode_keeps_its_slug_whatever_else_comes_and_goes():
    first = assign(_claims("a-b.md"), [])
    published = [_episode(s.slug, s.source) for s in first.values()]
    # a file that sorts first arrives later: the published episode keeps the plain slug
    later = assign(_claims("a b.md", "a-b.md"), published)
    assert later["file:a-b.md"].slug == "a-b" and later["file:a-b.md"].previous is not None
    assert later["file:a b.md"].slug != "a-b"
    published.append(_episode(later["file:a b.md"].slug, "file:a b.md"))
    # and the newcomer keeps its suffix when the first is not built, or is gone
    alone = assign(_claims("a b.md"), published)
    assert alone["file:a b.md"].slug == later["file:a b.md"].slug


def test_an_old_episode_is_taken_over_by_the_source_that_wants_its_slug():
    old = _episode("night-library")  # from a manifest without sources: guid from the slug
    slots = assign(_claims("articles/night-library.md"), [old])
    slot = slots["file:articles/night-library.md"]
    assert (slot.guid, slot.slug, slot.previous) == (old.guid, "night-library", old)


def test_an_old_episode_is_taken_over_once_and_by_an_edition_only_of_its_title():
    old = _episode("night-library", title="The library that stays open all night")
    edition = edition_source("Night Library", ["file:a.md"])
    slots = assign([Claim(edition, "night-library", title="Night Library"),
                    *_claims("x/night-library.md", "y/night-library.md")], [old])
    assert slots["file:x/night-library.md"].guid == old.guid
    assert slots["file:y/night-library.md"].previous is None
    assert slots[edition].previous is None and slots[edition].slug != "night-library"
    same_title = assign([Claim(edition, "night-library", title="Night Library")],
                        [_episode("night-library", title="Night Library")])
    assert same_title[edition].slug == "night-library"


def test_the_source_of_a_file_is_its_path_from_the_output_folder(tmp_path, monkeypatch):
    (tmp_path / "site").mkdir()
    (tmp_path / "articles").mkdir()
    article = tmp_path / "articles" / "a.md"
    article.write_text("x")
    expected = "file:../articles/a.md"
    assert file_source(article, tmp_path / "site") == expected
    monkeypatch.chdir(tmp_path / "site")  # the same command, run from another folder
    assert file_source(Path("../articles/a.md"), Path(".")) == expected
    os.symlink(tmp_path / "articles", tmp_path / "link")
    assert file_source(tmp_path / "link" / "a.md", tmp_path / "site") == expected


def test_an_edition_is_its_title_and_its_articles():
    a = edition_source("Night Library", ["file:a.md", "file:b.md"])
    assert a == edition_source(" Night Library ", ["file:a.md", "file:b.md"])
    assert a != edition_source("Night Library", ["file:a.md"])
    assert a != edition_source("Night Library", ["file:b.md", "file:a.md"])
    assert a != "file:night-library.md"


def test_a_page_is_its_url_whatever_the_case_of_its_host_its_default_port_or_fragment():
    same = ["https://Example.ORG/news/a?id=3", "HTTPS://example.org:443/news/a?id=3#top",
            "https://example.org./news/a?id=3"]
    assert {identity.url_source(u) for u in same} == {"url:https://example.org/news/a?id=3"}
    others = ["http://example.org/news/a?id=3", "https://example.org:8443/news/a?id=3",
              "https://example.org/news/A?id=3", "https://example.org/news/a?id=4"]
    assert len({identity.url_source(u) for u in [same[0], *others]}) == 5
    assert identity.url_source("https://example.org") == "url:https://example.org/"


def test_a_feed_item_is_its_guid_as_an_article_that_declares_it():
    # A feed item's GUID and `guid:` in an article's front matter are one source: one episode.
    item = identity.declared_source("tag:example.org,2026:post-17")
    claims = [Claim(item, slugify("Old title")), Claim(item, slugify("A new title"))]
    slots = assign(claims, [])
    assert list(slots) == [item] and item.startswith("id:")
    retitled = assign([Claim(item, slugify("A new title"))],
                      [_episode(slots[item].slug, item)])
    assert retitled[item].guid == slots[item].guid and retitled[item].slug == slots[item].slug
