"""The checks the W3C feed validator (w3c/feedvalidator) makes on an RSS 2.0 podcast feed with
iTunes tags, as XPath over the parsed feed, plus the Podcasting 2.0 tags we write.

The validator itself is not on PyPI or in Debian. These rules restate, for the elements we
publish, what its ``rss.py``, ``channel.py``, ``item.py``, ``itunes.py``, ``image.py`` and
``validators.py`` log as errors or warnings: required and duplicate elements, RFC 822 dates,
absolute URLs, the enclosure's attributes, the self link, the image's title and link, Apple's
category list, true/false values and the iTunes enumerations. ``problems()`` returns one line
per violation, starting with ``warning:`` for what the validator only warns about; an empty
list means the validator has nothing to say beyond information. ``errors()`` leaves the
warnings out.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from urllib.parse import urlsplit

from lxml import etree

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
ATOM = "http://www.w3.org/2005/Atom"
PODCAST = "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"
NS = {"itunes": ITUNES, "atom": ATOM, "podcast": PODCAST}

# itunes.py: valid_itunes_categories (Apple's current list as the validator knows it).
VALIDATOR_CATEGORIES = {
    "Arts": ["Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"],
    "Business": ["Careers", "Entrepreneurship", "Investing", "Management", "Marketing",
                 "Non-Profit"],
    "Comedy": ["Comedy Interviews", "Improv", "Stand-Up"],
    "Education": ["Courses", "How To", "Language Learning", "Self-Improvement"],
    "Fiction": ["Comedy Fiction", "Drama", "Science Fiction"],
    "Government": [], "History": [],
    "Health & Fitness": ["Alternative Health", "Fitness", "Medicine", "Mental Health",
                         "Nutrition", "Sexuality"],
    "Kids & Family": ["Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"],
    "Leisure": ["Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies",
                "Home & Garden", "Video Games"],
    "Music": ["Music Commentary", "Music History", "Music Interviews"],
    "News": ["Business News", "Daily News", "Entertainment News", "News Commentary", "Politics",
             "Sports News", "Tech News"],
    "Religion & Spirituality": ["Buddhism", "Christianity", "Hinduism", "Islam", "Judaism",
                                "Spirituality"],
    "Science": ["Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics",
                "Natural Sciences", "Nature", "Physics", "Social Sciences"],
    "Society & Culture": ["Documentary", "Personal Journals", "Philosophy", "Places & Travel",
                          "Relationships"],
    "Sports": ["Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf",
               "Hockey", "Rugby", "Running", "Soccer", "Swimming", "Tennis", "Volleyball",
               "Wilderness", "Wrestling"],
    "Technology": [], "True Crime": [],
    "TV & Film": ["After Shows", "Film History", "Film Interviews", "Film Reviews",
                  "TV Reviews"],
}

# validators.py: rfc822.rfc2822_re, the strict form the validator accepts without a warning.
_RFC2822 = re.compile(
    r"((Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?\d\d? (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r" \d\d\d\d \d\d:\d\d(:\d\d)? ([+-]?\d\d[03]0|UT|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|Z)$")
_DURATION = re.compile(r"\d+(:[0-5][0-9](:[0-5][0-9])?)?$")  # validators.py: duration
_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$")
_MIME = re.compile(r"^[\w.+-]+/[\w.+-]+$")
_LANG = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_HTML_END_TAG = re.compile(r"</(\w+)>")
_SUPPORTED_ENCLOSURES = ("m4a", "mp3", "mov", "mp4", "m4v", "pdf", "epub")  # itunes.py

_CHANNEL_ONCE = ["title", "link", "description", "language", "copyright", "lastBuildDate",
                 "generator", "image", "atom:link[@rel='self']", "itunes:author",
                 "itunes:owner", "itunes:image", "itunes:explicit", "itunes:type",
                 "podcast:guid", "podcast:locked"]
_ITEM_ONCE = ["title", "description", "guid", "pubDate", "enclosure", "itunes:title",
              "itunes:author", "itunes:duration", "itunes:explicit", "itunes:episodeType",
              "itunes:episode", "itunes:season", "podcast:chapters"]


def _http_url(value: str | None) -> bool:
    if not value:
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value


def _date_problem(where: str, value: str | None) -> str | None:
    if value is None or not _RFC2822.match(value):
        return f"{where}: not an RFC 2822 date: {value!r}"
    parsed = email.utils.parsedate_to_datetime(value)
    if "," in value and parsed.strftime("%a") != value[:3]:
        return f"{where}: wrong day of the week: {value!r}"
    return None


def problems(xml: bytes, location: str) -> list[str]:
    """Returns what the W3C validator would report as an error or warning for the feed ``xml``
    fetched from ``location``; empty when there is nothing."""
    out: list[str] = []
    if not xml.startswith(b"<?xml version='1.0' encoding='UTF-8'?>") and \
            not xml.startswith(b'<?xml version="1.0" encoding="UTF-8"?>'):
        out.append("XML declaration does not say UTF-8")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    rss = etree.fromstring(xml, parser)
    if rss.tag != "rss" or rss.get("version") != "2.0":
        out.append("root is not <rss version='2.0'>")
    channels = rss.findall("channel")
    if len(channels) != 1:
        return out + [f"expected one channel, found {len(channels)}"]
    ch = channels[0]

    def once(parent, paths, where):
        for p in paths:
            n = len(parent.xpath(p, namespaces=NS))
            if n > 1:
                out.append(f"{where}: duplicate {p}")

    def text(parent, path):
        found = parent.xpath(f"{path}/text()", namespaces=NS)
        return found[0] if found else None

    # rss.py / channel.py: required elements, each once
    for req in ("title", "link", "description"):
        if not (text(ch, req) or "").strip():
            out.append(f"channel: missing {req}")
    once(ch, _CHANNEL_ONCE, "channel")
    if not _http_url(text(ch, "link")):
        out.append(f"channel/link: not an absolute URL: {text(ch, 'link')!r}")
    lang = text(ch, "language")
    if lang is None or not _LANG.match(lang):
        out.append(f"channel/language: missing or invalid: {lang!r}")
    if ch.find("lastBuildDate") is not None:
        if p := _date_problem("channel/lastBuildDate", text(ch, "lastBuildDate")):
            out.append(p)
    # the self link: required by the validator's "MissingSelf" and must match the location
    self_links = ch.xpath("atom:link[@rel='self']", namespaces=NS)
    if not self_links:
        out.append("channel: missing atom:link rel='self'")
    else:
        link = self_links[0]
        if link.get("href") != location:
            out.append(f"atom:link self {link.get('href')!r} does not match {location!r}")
        if link.get("type") != "application/rss+xml":
            out.append(f"atom:link self: type {link.get('type')!r}")
    # image.py: url, title and link; title and link match the channel's
    image = ch.find("image")
    if image is not None:
        if not _http_url(text(image, "url")):
            out.append("image/url: not an absolute URL")
        if text(image, "title") != text(ch, "title"):
            out.append("image/title does not match channel/title")
        if text(image, "link") != text(ch, "link"):
            out.append("image/link does not match channel/link")
    # itunes.py: itunes_channel.validate and the element checks
    cats = ch.xpath("itunes:category", namespaces=NS)
    if not cats:
        out.append("channel: missing itunes:category")
    for cat in cats:
        main = cat.get("text")
        if main not in VALIDATOR_CATEGORIES:
            out.append(f"itunes:category: invalid {main!r}")
            continue
        for sub in cat.xpath("itunes:category/@text", namespaces=NS):
            if sub not in VALIDATOR_CATEGORIES[main]:
                out.append(f"itunes:category {main!r}: invalid subcategory {sub!r}")
    if text(ch, "itunes:explicit") not in ("true", "false"):
        out.append(f"channel itunes:explicit: {text(ch, 'itunes:explicit')!r}")
    owner = ch.find(f"{{{ITUNES}}}owner")
    email_ = text(ch, "itunes:owner/itunes:email")
    if owner is None:  # MissingItunesEmail, a warning
        out.append("warning: channel: missing itunes:owner/itunes:email")
    elif email_ is None:  # MissingElement, an error
        out.append("channel: itunes:owner without itunes:email")
    elif not _EMAIL.match(email_):
        out.append(f"itunes:email: invalid {email_!r}")
    if not _http_url(ch.xpath("string(itunes:image/@href)", namespaces=NS)):
        out.append("itunes:image: href is not an absolute URL")
    if text(ch, "itunes:type") not in (None, "episodic", "serial"):
        out.append(f"itunes:type: {text(ch, 'itunes:type')!r}")
    if len(text(ch, "itunes:author") or "") > 255:
        out.append("itunes:author: longer than 255 characters")
    for el in ("title", "itunes:author"):
        value = text(ch, el) or ""
        if any(t.lower() in ("b", "i", "p", "a", "br", "div", "span")
               for t in _HTML_END_TAG.findall(value)):
            out.append(f"channel/{el}: contains HTML")
    # Podcasting 2.0 (not checked by the validator, which only names the namespace)
    guid = text(ch, "podcast:guid")
    if guid is not None and not _UUID.match(guid):
        out.append(f"podcast:guid: not a UUID: {guid!r}")
    if text(ch, "podcast:locked") not in (None, "yes", "no"):
        out.append(f"podcast:locked: {text(ch, 'podcast:locked')!r}")

    guids = []
    for n, item in enumerate(ch.findall("item"), 1):
        where = f"item {n}"
        once(item, _ITEM_ONCE, where)
        if not (text(item, "title") or text(item, "description")):
            out.append(f"{where}: needs a title or a description")
        guid = item.find("guid")
        if guid is None or not (guid.text or "").strip():
            out.append(f"{where}: missing guid")
        else:
            guids.append(guid.text)
            if guid.get("isPermaLink", "true") not in ("true", "false"):
                out.append(f"{where}: guid isPermaLink {guid.get('isPermaLink')!r}")
            if guid.get("isPermaLink", "true") == "true" and not _http_url(guid.text):
                out.append(f"{where}: permalink guid is not a URL")
        if item.find("pubDate") is not None:
            if p := _date_problem(f"{where}/pubDate", text(item, "pubDate")):
                out.append(p)
        enc = item.find("enclosure")
        if enc is None:
            out.append(f"{where}: no enclosure")
        else:
            url, length, kind = enc.get("url"), enc.get("length"), enc.get("type")
            if not _http_url(url):
                out.append(f"{where}: enclosure url {url!r}")
            elif url.rsplit(".", 1)[-1] not in _SUPPORTED_ENCLOSURES:
                out.append(f"{where}: enclosure format not supported by iTunes: {url!r}")
            if length is None or not length.isdigit() or int(length) == 0:
                out.append(f"{where}: enclosure length {length!r}")
            if kind is None or not _MIME.match(kind):
                out.append(f"{where}: enclosure type {kind!r}")
        dur = text(item, "itunes:duration")
        if dur is not None and not _DURATION.match(dur):
            out.append(f"{where}: itunes:duration {dur!r}")
        if text(item, "itunes:explicit") not in (None, "true", "false"):
            out.append(f"{where}: itunes:explicit {text(item, 'itunes:explicit')!r}")
        if text(item, "itunes:episodeType") not in (None, "full", "trailer", "bonus"):
            out.append(f"{where}: itunes:episodeType {text(item, 'itunes:episodeType')!r}")
        for el in ("itunes:episode", "itunes:season"):
            value = text(item, el)
            if value is not None and not (value.isdigit() and int(value) > 0):
                out.append(f"{where}: {el} is not a positive integer: {value!r}")
        for tr in item.xpath("podcast:transcript", namespaces=NS):
            if not _http_url(tr.get("url")) or not _MIME.match(tr.get("type") or ""):
                out.append(f"{where}: podcast:transcript needs an absolute url and a type")
        for chap in item.xpath("podcast:chapters", namespaces=NS):
            if not _http_url(chap.get("url")) or not chap.get("type"):
                out.append(f"{where}: podcast:chapters needs an absolute url and a type")
    if len(set(guids)) != len(guids):
        out.append("items: duplicate guids")
    return out


def errors(xml: bytes, location: str) -> list[str]:
    """Returns what the W3C validator would report as an error for the feed ``xml``."""
    return [p for p in problems(xml, location) if not p.startswith("warning: ")]


def build_date(xml: bytes) -> dt.datetime:
    """Returns the feed's lastBuildDate."""
    value = etree.fromstring(xml).findtext("channel/lastBuildDate")
    return email.utils.parsedate_to_datetime(value)
