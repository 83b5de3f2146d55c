"""Casting: languages, narrator vs quote voices, one voice per speaker."""

from __future__ import annotations

import pytest

from audio_edition.casting import cast, detect_lang
from audio_edition.config import load_voices
from audio_edition.errors import ConfigError
from audio_edition.model import Article, ArticleMeta, Block, BlockKind, Role, Segment


def _article(text: str, lang: str | None = None) -> Article:
    return Article(path=__import__("pathlib").Path("x.txt"), title="T", teaser=None,
                   blocks=[Block(BlockKind.PARAGRAPH, text)], meta=ArticleMeta(lang=lang))


def test_language_from_metadata_and_detection(silent_voices):
    book = load_voices(silent_voices)
    assert detect_lang(_article("Whatever", "en"), book, "de") == "en"
    de = _article("Die Fähre fährt ab Dezember doppelt so oft, sagte der Betriebsleiter am Montag.")
    en = _article("The ferry will leave twice as often from December, the manager said on Monday.")
    assert detect_lang(de, book, "en") == "de"
    assert detect_lang(en, book, "de") == "en"


LONG_DE = ("Die Fähre fährt ab Dezember doppelt so oft. Das hat der Gemeinderat am Montag mit "
           "großer Mehrheit beschlossen, und die Anwohner auf der anderen Seite des Flusses "
           "freuen sich darüber. Für die Schule ist es eine gute Nachricht, denn viele Kinder "
           "kommen mit dem Rad und der Fähre. Der Betreiber sagt, er habe genug Personal, und "
           "die Preise sollen nicht steigen. Im Frühjahr wird auch der Anleger erneuert, damit "
           "man mit dem Rollstuhl und dem Kinderwagen leichter an Bord kommt. Es ist das erste "
           "Mal seit Jahren, dass sich auf der Strecke etwas bewegt, und wir werden darüber "
           "berichten, sobald die ersten Fahrten mit dem neuen Plan stattgefunden haben.")


def test_function_words_decide_only_among_full_languages(silent_voices):
    import audio_edition.casting as casting

    # Portuguese has no table (a generic language): it could look like Spanish, so the model decides
    assert casting._clear_lang(LONG_DE, ["de", "pt"]) is None
    assert casting._clear_lang(LONG_DE, ["de", "es"]) == "de"
    assert casting._clear_lang(LONG_DE, ["de", "en"]) == "de"
    long_en = ("The ferry will run twice as often from December. The council decided it on "
               "Monday, and the people on the other side of the river are glad about it. It is "
               "good news for the school, as many of the children come by bike and by ferry. "
               "The operator says that there are enough staff and that fares will not go up, "
               "and that the landing stage will be rebuilt in the spring for wheelchairs.")
    long_fr = ("Le bac passera deux fois plus souvent à partir de décembre. Le conseil l'a "
               "décidé lundi, et les habitants de l'autre rive sont contents. C'est une bonne "
               "nouvelle pour les élèves qui viennent en vélo et qui prennent le bac le matin. "
               "L'exploitant dit qu'il a assez de personnel et que les prix ne vont pas monter, "
               "et le ponton sera refait au printemps pour les fauteuils et les poussettes. "
               "Nous en parlerons dans la prochaine édition, avec les horaires du dimanche.")
    assert casting._clear_lang(long_en, ["de", "en", "fr"]) == "en"
    assert casting._clear_lang(long_fr, ["de", "en", "fr"]) == "fr"


def test_detection_chooses_among_every_language_that_can_be_spoken(silent_voices):
    book = load_voices(silent_voices)  # profiles for de and en only
    pt = _article("A balsa vai passar duas vezes mais vezes a partir de dezembro, disse o "
                  "responsável na segunda-feira, e os moradores da outra margem estão contentes.")
    cs = _article("Přívoz bude od prosince jezdit dvakrát častěji, řekl v pondělí vedoucí provozu "
                  "a obyvatelé na druhém břehu řeky jsou spokojeni.")
    assert detect_lang(pt, book, "de") == "pt"
    assert detect_lang(cs, book, "de") == "cs"
    voices = book.for_lang("pt")  # generated: silent, like every profile of this folder
    assert voices.narrator.name == "pt-narrator"
    assert [v.name for v in voices.quotes] == ["pt-quote-1", "pt-quote-2", "pt-quote-3"]


def _no_model(monkeypatch):
    import audio_edition.casting as casting

    def loads(*args, **kwargs):
        raise AssertionError("the language model was loaded")

    monkeypatch.setattr(casting, "_identifier", loads)


def test_a_text_plainly_in_the_editions_language_needs_no_model(silent_voices, monkeypatch):
    book = load_voices(silent_voices)  # every espeak-ng language a candidate: no shortcut alone
    _no_model(monkeypatch)
    assert detect_lang(_article(LONG_DE), book, "de") == "de"
    # a passage plainly in its article's language stays in it without the model
    passage = "Die Anwohner freuen sich, und für die Schule ist es eine gute Nachricht."
    script = cast(_article("x"), [Segment(Role.QUOTE, passage, block=0, speaker="A B", person="A B")],
                  book.for_lang("de"), book)
    assert script.segments[0].voice.lang == "de"


def test_ready_loads_what_detection_needs_before_the_first_text(silent_voices, tmp_path,
                                                               monkeypatch):
    # build --watch readies it between builds, so that the rebuild after an edit is not the
    # one that waits for the model
    import audio_edition.casting as casting

    book = load_voices(silent_voices)
    casting._identifier.cache_clear()
    try:
        casting.ready(book, tmp_path)
        assert casting._identifier.cache_info().currsize == 1
        monkeypatch.setattr(casting, "_load_identifier", _fails)
        monkeypatch.setattr("py3langid.langid.LanguageIdentifier.from_model_file", _fails)
        long_en = ("The ferry will run twice as often from December, the council decided on "
                   "Monday, and the people on the other side of the river are glad about it.")
        assert detect_lang(_article(long_en), book, "de", tmp_path) == "en"
    finally:
        casting._identifier.cache_clear()


def _fails(*args, **kwargs):
    raise AssertionError("the language model was loaded again")


def test_a_text_in_another_language_than_the_editions_is_still_detected(silent_voices):
    book = load_voices(silent_voices)
    long_en = ("The ferry will run twice as often from December. The council decided it on "
               "Monday, and the people on the other side of the river are glad about it. It is "
               "good news for the school, as many of the children come by bike and by ferry. "
               "The operator says that there are enough staff and that fares will not go up.")
    assert detect_lang(_article(long_en), book, "de") == "en"
    assert detect_lang(_article(LONG_DE), book, "en") == "de"  # the model, not the edition


def test_a_language_no_engine_speaks_is_one_clear_error(silent_voices):
    book = load_voices(silent_voices)
    with pytest.raises(ConfigError, match=r"x\.txt: no installed engine speaks language 'tlh'"):
        detect_lang(_article("Whatever it says", "tlh"), book, "de")


def test_a_long_passage_in_another_language_gets_a_voice_of_that_language(silent_voices):
    book = load_voices(silent_voices)
    english = ("We have never seen a season like this one, and the whole team is proud of what "
               "the volunteers have done")
    segments = [Segment(Role.NARRATOR, "Die Trainerin zog nach dem Spiel am Sonntag eine kurze Bilanz.", block=0),
                Segment(Role.QUOTE, english, block=0, speaker="Mary Holt", person="Mary Holt"),
                Segment(Role.QUOTE, "Das war gut", block=0, speaker="Jan Ortmann", person="Jan Ortmann")]
    script = cast(_article("x"), segments, book.for_lang("de"), book)
    assert [c.voice.name for c in script.segments] == ["de-narrator", "en-quote-1", "de-quote-2"]
    # without the book (or with a short passage) the article's language reads everything
    assert cast(_article("x"), segments, book.for_lang("de")).segments[1].voice.lang == "de"


def test_the_unpacked_model_is_kept_and_gives_the_same_answers(tmp_path):
    import audio_edition.casting as casting

    langs = ("de", "en", "fr")
    text = "Die Fähre fährt ab Dezember doppelt so oft, sagte er."
    (tmp_path / "langid-0.4.0-0123456789ab.2.npz").write_bytes(b"the layout before")
    fresh = casting._identifier(langs, tmp_path)
    kept = list(tmp_path.glob("langid-*"))
    assert [p.suffix for p in kept] == [".bin"]  # and the one of the layout before is gone
    casting._identifier.cache_clear()
    loaded = casting._identifier(langs, tmp_path)
    assert loaded is not fresh and loaded.nb_classes == fresh.nb_classes == list(langs)
    assert loaded.classify(text) == fresh.classify(text)
    kept[0].write_bytes(b"damaged")
    casting._identifier.cache_clear()
    assert casting._identifier(langs, tmp_path).classify(text)[0] == "de"


@pytest.mark.parametrize("damage", ["not a table", "cut short", "no head", "wrong type",
                                    "past the end"])
def test_a_kept_model_whose_tables_are_wrong_is_unpacked_again(tmp_path, damage):
    """The checksum holds, but the tables are not what the loader wrote: a miss, noted, and
    the model is unpacked again; never an error, never a model that fails later."""
    import json

    import audio_edition.casting as casting
    from audio_edition import cachefile

    langs = ("de", "en", "fr")
    casting._identifier.cache_clear()
    casting._identifier(langs, tmp_path)
    [path] = tmp_path.glob("langid-*.bin")
    head, _, body = path.read_bytes().partition(b"\n")[2].partition(b"\n")
    tables = json.loads(head)["tables"]
    row = tables["row"]
    bad = {"not a table": b"PK\x03\x04",
           "cut short": head + b"\n" + body[:-4],
           "no head": b"[]\n" + body,
           "wrong type": json.dumps({"classes": list(langs), "tables": {
               **tables, "row": ["<f8", row[1], row[2]]}}).encode() + b"\n" + body,
           "past the end": json.dumps({"classes": list(langs), "tables": {
               **tables, "output": [tables["output"][0], tables["output"][1], len(body)]}}
           ).encode() + b"\n" + body}[damage]
    cachefile.write(path, bad, path.name)
    cachefile.take_damaged()
    casting._identifier.cache_clear()
    text = "Die Fähre fährt ab Dezember doppelt so oft, sagte er."
    assert casting._identifier(langs, tmp_path).classify(text)[0] == "de"
    assert cachefile.take_damaged() == [str(path)]
    casting._identifier.cache_clear()


def test_a_language_without_a_profile_file_gets_generated_voices(silent_voices):
    book = load_voices(silent_voices)
    assert detect_lang(_article("Bonjour", "fr-CA"), book, "de") == "fr"
    assert book.for_lang("fr").narrator.name == "fr-narrator"


def test_quotes_never_get_the_narrator_and_speakers_keep_their_voice(silent_voices):
    book = load_voices(silent_voices)
    segs = [
        Segment(Role.NARRATOR, "Intro"),
        Segment(Role.QUOTE, "A", speaker="Eva Stern"),
        Segment(Role.QUOTE, "B", speaker="Jan Ortmann"),
        Segment(Role.QUOTE, "C", speaker="Eva Stern"),
        Segment(Role.QUOTE, "D", speaker=None),
        Segment(Role.QUOTE, "E", speaker="Ortmann"),
    ]
    script = cast(_article("x"), segs, book.for_lang("de"))
    voices = [c.voice.name for c in script.segments]
    assert voices[0] == "de-narrator"
    assert "de-narrator" not in voices[1:]
    assert voices[1] == voices[3]              # same speaker, same voice
    assert voices[2] == "de-quote-2"           # fixed in [speakers]
    assert voices[5] == "de-quote-2"           # later mention by last name
    assert voices[1] != voices[2]


def test_casting_goes_by_the_person_never_a_bare_pronoun(silent_voices):
    book = load_voices(silent_voices)
    segs = [
        Segment(Role.QUOTE, "A", speaker="Jan Ortmann"),
        Segment(Role.QUOTE, "B", speaker="er", person="Jan Ortmann"),
        Segment(Role.QUOTE, "C", speaker="er", person=None),
        Segment(Role.QUOTE, "D", speaker=None),
        Segment(Role.QUOTE, "E", speaker="Eva Stern"),
        Segment(Role.QUOTE, "F", speaker="sie", person="Eva Stern"),
    ]
    assert segs[0].person == "Jan Ortmann"  # a name is its own person
    script = cast(_article("x"), segs, book.for_lang("de"))
    voices = [c.voice.name for c in script.segments]
    assert voices[1] == voices[0] == "de-quote-2"  # the resolved "er" is Jan Ortmann, in [speakers]
    assert voices[2] == voices[3]                  # an unresolved "er" is an unattributed quote
    assert voices[5] == voices[4]


def test_real_voice_profiles_load_and_differ():
    book = load_voices()
    for code in ("de", "en", "fr"):
        lv = book.for_lang(code)
        for q in lv.quotes:
            assert q.engine_voice != lv.narrator.engine_voice
            assert abs(q.pitch - lv.narrator.pitch) >= 10


def test_with_real_espeak_a_long_english_quote_in_a_german_article_is_read_in_english(tmp_path):
    """Through ``script`` with the shipped voices: the quote gets an English voice, its numbers
    English words; the German around it stays German."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    repo_voices = Path(__file__).resolve().parents[1] / "voices"
    text = ("Ein Sommer für den Verein\n\nDie Trainerin zog nach dem Spiel am Sonntag eine kurze "
            "Bilanz. Der Verein hat in diesem Jahr so viele Spiele gewonnen wie noch nie, und die "
            "Halle war bei jedem Heimspiel voll. Auch die Gäste aus der Partnerstadt in England "
            "waren wieder dabei.\n\n"
            "„We have waited 12 years for a season like this one, and the whole team is proud of "
            "what the volunteers have done“, sagte Mary Holt. Danach fuhren 12 Busse zurück in "
            "die Stadt, wo die Feier bis in die Nacht dauerte.\n")
    path = tmp_path / "bilanz.txt"
    path.write_text(text, encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "audio_edition", "script", "--json", "--voices",
                          str(repo_voices), "--lang", "de", str(path)], capture_output=True,
                         text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    rows = json.loads(res.stdout)
    quote = next(r for r in rows if r["role"] == "quote")
    assert quote["voice"].startswith("en-quote") and "twelve years" in quote["spoken"]
    assert all(r["voice"].startswith("de-") for r in rows if r["role"] == "narrator")
    assert "zwölf Busse" in rows[-1]["spoken"]
