"""The few words of the listening pages (:mod:`audio_edition.pages`), per language.

One table, :data:`WORDS`, keyed by language and then by the word's role on the page. It is
kept apart so that it can move into the edition's language pack as it is: each language's
entry would become part of that language's file. A language that is missing, or a word a
language lacks, falls back to English.
"""

from __future__ import annotations

import datetime as dt

FALLBACK = "en"
"""The language whose words stand in for missing ones."""

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "all_episodes": "All episodes",
        "episodes": "Episodes",
        "subscribe": "Subscribe",
        "feed_url": "Feed address",
        "apps": "Or paste the feed address into any podcast app.",
        "copy": "Copy",
        "copied": "Copied",
        "play": "Play",
        "pause": "Pause",
        "back": "Back 15 seconds",
        "forward": "Forward 15 seconds",
        "speed": "Speed",
        "position": "Position",
        "of": "of",
        "player": "Player",
        "keys": "Space: play or pause. Left and right arrows: 15 seconds back or forward.",
        "chapters": "Chapters",
        "transcript": "Transcript",
        "follow": "Keep the sentence being read in view",
        "no_transcript": "There is no transcript of this episode.",
        "download": "Download",
        "mp3": "Audio (MP3)",
        "vtt": "Transcript (WebVTT)",
        "srt": "Transcript (SRT)",
        "chapters_json": "Chapters (JSON)",
        "embed": "Embed",
        "embed_hint": "Paste this code into a web page to show the player there.",
        "embed_code": "Embed code",
        "listen": "Listen",
        "open_page": "Open the episode page",
        "article": "Read the article",
        "published": "Published",
        "duration": "Duration",
        "months": "January February March April May June July August September October "
                  "November December",
        "date": "{d} {month} {y}",
        "decimal": ".",
    },
    "de": {
        "all_episodes": "Alle Folgen",
        "episodes": "Folgen",
        "subscribe": "Abonnieren",
        "feed_url": "Feed-Adresse",
        "apps": "Oder die Feed-Adresse in eine beliebige Podcast-App einfügen.",
        "copy": "Kopieren",
        "copied": "Kopiert",
        "play": "Abspielen",
        "pause": "Anhalten",
        "back": "15 Sekunden zurück",
        "forward": "15 Sekunden vor",
        "speed": "Tempo",
        "position": "Position",
        "of": "von",
        "player": "Player",
        "keys": "Leertaste: abspielen oder anhalten. Pfeiltasten links und rechts: "
                "15 Sekunden zurück oder vor.",
        "chapters": "Kapitel",
        "transcript": "Transkript",
        "follow": "Den gelesenen Satz im Blick behalten",
        "no_transcript": "Zu dieser Folge gibt es kein Transkript.",
        "download": "Herunterladen",
        "mp3": "Audio (MP3)",
        "vtt": "Transkript (WebVTT)",
        "srt": "Transkript (SRT)",
        "chapters_json": "Kapitel (JSON)",
        "embed": "Einbetten",
        "embed_hint": "Diesen Code in eine Webseite einfügen, um den Player dort zu zeigen.",
        "embed_code": "Code zum Einbetten",
        "listen": "Anhören",
        "open_page": "Zur Seite der Folge",
        "article": "Zum Artikel",
        "published": "Veröffentlicht",
        "duration": "Dauer",
        "months": "Januar Februar März April Mai Juni Juli August September Oktober November "
                  "Dezember",
        "date": "{d}. {month} {y}",
        "decimal": ",",
    },
    "fr": {
        "all_episodes": "Tous les épisodes",
        "episodes": "Épisodes",
        "subscribe": "S’abonner",
        "feed_url": "Adresse du flux",
        "apps": "Ou collez l’adresse du flux dans n’importe quelle application de podcasts.",
        "copy": "Copier",
        "copied": "Copié",
        "play": "Lecture",
        "pause": "Pause",
        "back": "Reculer de 15 secondes",
        "forward": "Avancer de 15 secondes",
        "speed": "Vitesse",
        "position": "Position",
        "of": "sur",
        "player": "Lecteur",
        "keys": "Espace : lecture ou pause. Flèches gauche et droite : reculer ou avancer "
                "de 15 secondes.",
        "chapters": "Chapitres",
        "transcript": "Transcription",
        "follow": "Garder la phrase lue à l’écran",
        "no_transcript": "Cet épisode n’a pas de transcription.",
        "download": "Télécharger",
        "mp3": "Audio (MP3)",
        "vtt": "Transcription (WebVTT)",
        "srt": "Transcription (SRT)",
        "chapters_json": "Chapitres (JSON)",
        "embed": "Intégrer",
        "embed_hint": "Collez ce code dans une page web pour y afficher le lecteur.",
        "embed_code": "Code d’intégration",
        "listen": "Écouter",
        "open_page": "Ouvrir la page de l’épisode",
        "article": "Lire l’article",
        "published": "Publié",
        "duration": "Durée",
        "months": "janvier février mars avril mai juin juillet août septembre octobre "
                  "novembre décembre",
        "date": "{d} {month} {y}",
        "decimal": ",",
    },
    "es": {
        "all_episodes": "Todos los episodios",
        "episodes": "Episodios",
        "subscribe": "Suscribirse",
        "feed_url": "Dirección del feed",
        "apps": "O pegue la dirección del feed en cualquier aplicación de pódcasts.",
        "copy": "Copiar",
        "copied": "Copiado",
        "play": "Reproducir",
        "pause": "Pausa",
        "back": "Retroceder 15 segundos",
        "forward": "Avanzar 15 segundos",
        "speed": "Velocidad",
        "position": "Posición",
        "of": "de",
        "player": "Reproductor",
        "keys": "Espacio: reproducir o pausar. Flechas izquierda y derecha: retroceder o "
                "avanzar 15 segundos.",
        "chapters": "Capítulos",
        "transcript": "Transcripción",
        "follow": "Mantener a la vista la frase que se lee",
        "no_transcript": "Este episodio no tiene transcripción.",
        "download": "Descargar",
        "mp3": "Audio (MP3)",
        "vtt": "Transcripción (WebVTT)",
        "srt": "Transcripción (SRT)",
        "chapters_json": "Capítulos (JSON)",
        "embed": "Insertar",
        "embed_hint": "Pegue este código en una página web para mostrar allí el reproductor.",
        "embed_code": "Código para insertar",
        "listen": "Escuchar",
        "open_page": "Abrir la página del episodio",
        "article": "Leer el artículo",
        "published": "Publicado",
        "duration": "Duración",
        "months": "enero febrero marzo abril mayo junio julio agosto septiembre octubre "
                  "noviembre diciembre",
        "date": "{d} de {month} de {y}",
        "decimal": ",",
    },
    "it": {
        "all_episodes": "Tutti gli episodi",
        "episodes": "Episodi",
        "subscribe": "Iscriviti",
        "feed_url": "Indirizzo del feed",
        "apps": "Oppure incolla l’indirizzo del feed in qualsiasi app per podcast.",
        "copy": "Copia",
        "copied": "Copiato",
        "play": "Riproduci",
        "pause": "Pausa",
        "back": "Indietro di 15 secondi",
        "forward": "Avanti di 15 secondi",
        "speed": "Velocità",
        "position": "Posizione",
        "of": "di",
        "player": "Lettore",
        "keys": "Spazio: riproduci o metti in pausa. Frecce sinistra e destra: indietro o "
                "avanti di 15 secondi.",
        "chapters": "Capitoli",
        "transcript": "Trascrizione",
        "follow": "Tieni in vista la frase letta",
        "no_transcript": "Questo episodio non ha una trascrizione.",
        "download": "Scarica",
        "mp3": "Audio (MP3)",
        "vtt": "Trascrizione (WebVTT)",
        "srt": "Trascrizione (SRT)",
        "chapters_json": "Capitoli (JSON)",
        "embed": "Incorpora",
        "embed_hint": "Incolla questo codice in una pagina web per mostrarvi il lettore.",
        "embed_code": "Codice da incorporare",
        "listen": "Ascolta",
        "open_page": "Apri la pagina dell’episodio",
        "article": "Leggi l’articolo",
        "published": "Pubblicato",
        "duration": "Durata",
        "months": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre "
                  "ottobre novembre dicembre",
        "date": "{d} {month} {y}",
        "decimal": ",",
    },
    "nl": {
        "all_episodes": "Alle afleveringen",
        "episodes": "Afleveringen",
        "subscribe": "Abonneren",
        "feed_url": "Feedadres",
        "apps": "Of plak het feedadres in een podcastapp naar keuze.",
        "copy": "Kopiëren",
        "copied": "Gekopieerd",
        "play": "Afspelen",
        "pause": "Pauzeren",
        "back": "15 seconden terug",
        "forward": "15 seconden vooruit",
        "speed": "Snelheid",
        "position": "Positie",
        "of": "van",
        "player": "Speler",
        "keys": "Spatie: afspelen of pauzeren. Pijltjes links en rechts: 15 seconden terug "
                "of vooruit.",
        "chapters": "Hoofdstukken",
        "transcript": "Transcript",
        "follow": "De voorgelezen zin in beeld houden",
        "no_transcript": "Van deze aflevering is geen transcript.",
        "download": "Downloaden",
        "mp3": "Audio (MP3)",
        "vtt": "Transcript (WebVTT)",
        "srt": "Transcript (SRT)",
        "chapters_json": "Hoofdstukken (JSON)",
        "embed": "Insluiten",
        "embed_hint": "Plak deze code in een webpagina om de speler daar te tonen.",
        "embed_code": "Insluitcode",
        "listen": "Luisteren",
        "open_page": "Naar de pagina van de aflevering",
        "article": "Lees het artikel",
        "published": "Gepubliceerd",
        "duration": "Duur",
        "months": "januari februari maart april mei juni juli augustus september oktober "
                  "november december",
        "date": "{d} {month} {y}",
        "decimal": ",",
    },
}
"""Language -> the page's words: labels of controls, headings and short hints."""


def base_code(lang: str) -> str:
    """Returns the primary language subtag of ``lang``: ``de`` for ``de-AT``, lower case."""
    return lang.replace("_", "-").split("-")[0].strip().lower()


def words(lang: str) -> dict[str, str]:
    """Returns every word of the pages in ``lang`` (or its base language), English where the
    language has no word of its own."""
    return {**WORDS[FALLBACK], **WORDS.get(base_code(lang), {})}


def megabytes(size: int, lang: str) -> str:
    """Returns ``size`` bytes in megabytes with one decimal, as ``lang`` writes it (``4,2 MB``)."""
    return f"{size / 1e6:.1f} MB".replace(".", words(lang)["decimal"])


def long_date(when: dt.date, lang: str) -> str:
    """Returns ``when`` written out as readers of ``lang`` expect (``28. November 2026``)."""
    table = words(lang)
    month = table["months"].split()[when.month - 1]
    return table["date"].format(d=when.day, month=month, y=when.year)


__all__ = ["FALLBACK", "WORDS", "base_code", "long_date", "megabytes", "words"]
