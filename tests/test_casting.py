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


def test_a_clear_language_needs_no_model(silent_voices, monkeypatch):
    import audio_edition.casting as casting

    book = load_voices(silent_voices)

    def no_model(*args):
        raise AssertionError("the language model was loaded")

    monkeypatch.setattr(casting, "_identifier", no_model)
    assert detect_lang(_article(LONG_DE), book, "en") == "de"
    # a short text, or a language with no table of function words, needs the model
    with pytest.raises(AssertionError, match="model was loaded"):
        detect_lang(_article("Die Fähre fährt ab Dezember doppelt so oft, sagte er."), book, "en")
    assert casting._clear_lang(LONG_DE, ["de", "es"]) is None
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


def test_the_unpacked_model_is_kept_and_gives_the_same_answers(tmp_path):
    import audio_edition.casting as casting

    langs = ("de", "en", "fr")
    text = "Die Fähre fährt ab Dezember doppelt so oft, sagte er."
    fresh = casting._identifier(langs, tmp_path)
    kept = list(tmp_path.glob("langid-*.npz"))
    assert len(kept) == 1
    casting._identifier.cache_clear()
    loaded = casting._identifier(langs, tmp_path)
    assert loaded is not fresh and loaded.nb_classes == fresh.nb_classes == list(langs)
    assert loaded.classify(text) == fresh.classify(text)
    kept[0].write_bytes(b"damaged")
    casting._identifier.cache_clear()
    assert casting._identifier(langs, tmp_path).classify(text)[0] == "de"


def test_language_without_voices_is_an_error(silent_voices):
    book = load_voices(silent_voices)
    with pytest.raises(ConfigError, match="no voices for language 'fr'"):
        detect_lang(_article("Bonjour", "fr"), book, "de")


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
