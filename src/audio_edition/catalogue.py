"""Piper's published voice catalogue: list it, install voices from it, remove them.

The catalogue is one ``voices.json`` that names every voice: its language, quality, speakers
and files, each file with its size and MD5 digest, under ``<family>/<lang_REGION>/<name>/
<quality>/``. ``voices.json`` and every file it lists are found under one base URL, Piper's
repository on Hugging Face unless ``$AUDIO_EDITION_VOICE_URL`` names another.

A voice is installed into a folder of its own, ``<dir>/<key>/``, holding its files under their
own names and ``voice.json``, our record of where it came from and its licence. Files are
downloaded into ``<dir>/.partial/<key>/``, resumed there with an HTTP Range request when a
download was interrupted, checked against the catalogue's size and MD5, and only then is the
folder renamed into place: a voice is installed completely or not at all.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import dataclasses
import difflib
import hashlib
import json
import logging
import os
import re
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from audio_edition import http, paths
from audio_edition.errors import EditionError
from audio_edition.fsutil import atomic_write

if TYPE_CHECKING:  # pragma: no cover
    import httpx

log = logging.getLogger(__name__)

DEFAULT_URL = "https://huggingface.co/rhasspy/piper-voices/resolve/main/"
"""Piper's voice repository: ``voices.json`` and the voices' files are found under it."""
URL_ENV = "AUDIO_EDITION_VOICE_URL"
"""Environment variable that replaces :data:`DEFAULT_URL` (a mirror, or a test server)."""
CATALOGUE_FILE = "voices.json"
"""The catalogue's name under the base URL."""
CATALOGUE_MAX_BYTES = 64 * 1024 * 1024
"""The largest catalogue read (Piper's is a few MB)."""
CARD_FILE = "MODEL_CARD"
"""The file of a voice that says where its data came from and under which licence."""
CARD_MAX_BYTES = 256 * 1024
"""The largest model card read."""
RECORD_FILE = "voice.json"
"""Our record in an installed voice's folder: its catalogue entry, source and licence."""
PARTIAL_DIR = ".partial"
"""Where downloads in progress are kept, in the install folder."""
ATTEMPTS = 3
"""How often one command tries a file whose download breaks off, resuming each time."""
QUALITIES = ("x_low", "low", "medium", "high")
"""Piper's quality levels, from worst to best."""
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.+-]*$")
_LICENCE = re.compile(r"^\W*licen[cs]e\s*:\s*(.+?)\s*$", re.IGNORECASE | re.MULTILINE)


class VoiceInstallError(EditionError):
    """A voice that cannot be listed, installed or removed: unknown, unreachable, damaged."""


@dataclass
class CatalogueFile:
    """One file of a voice, as the catalogue lists it."""

    path: str
    """Its path under the base URL (``en/en_US/joe/medium/en_US-joe-medium.onnx``)."""
    size: int
    """Its size in bytes."""
    md5: str
    """Its MD5 digest, in hex."""

    @property
    def name(self) -> str:
        """The file's own name, which it is installed under."""
        return self.path.rsplit("/", 1)[-1]


@dataclass
class CatalogueVoice:
    """One voice of the catalogue."""

    key: str
    """Its name in the catalogue and on this machine: ``<locale>-<name>-<quality>``."""
    name: str
    """The voice's (its dataset's) name: ``thorsten``."""
    locale: str
    """Language and region: ``de_DE``."""
    family: str
    """ISO 639-1 language code: ``de``."""
    language: str
    """The language's English name, with the country when the catalogue gives one."""
    quality: str
    """``x_low``, ``low``, ``medium`` or ``high``."""
    speakers: int
    """Number of speakers of the model."""
    files: list[CatalogueFile]
    """The files to download (the model, its config, its model card)."""
    aliases: list[str] = field(default_factory=list)
    """Other names the voice was known by."""
    entry: dict[str, Any] = field(default_factory=dict, repr=False)
    """The catalogue's entry as it came."""

    @property
    def size(self) -> int:
        """Bytes to download."""
        return sum(f.size for f in self.files)

    @property
    def card(self) -> CatalogueFile | None:
        """The voice's model card, when the catalogue lists one."""
        return next((f for f in self.files if f.name == CARD_FILE), None)


def base_url() -> str:
    """Returns the catalogue's base URL, ending in ``/``: ``$AUDIO_EDITION_VOICE_URL`` or
    :data:`DEFAULT_URL`. Raises VoiceInstallError when the variable is not an http(s) URL."""
    from audio_edition.config import base_url as check

    value = os.environ.get(URL_ENV, "").strip()
    if not value:
        return DEFAULT_URL
    try:
        return check(value)
    except ValueError as exc:
        raise VoiceInstallError(f"{URL_ENV}: {exc} but got {value!r}") from None


def parse(data: Any, source: str) -> dict[str, CatalogueVoice]:
    """Returns the voices of a parsed ``voices.json``, by key.

    Entries that are not voices or name unsafe file paths are skipped with a warning; raises
    VoiceInstallError naming ``source`` when ``data`` is not a catalogue at all.
    """
    if not isinstance(data, dict):
        raise VoiceInstallError("not a Piper voice catalogue: expected a JSON object", source)
    voices = {}
    for key, entry in data.items():
        try:
            voices[key] = _voice(key, entry)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            log.warning("%s: entry %r skipped: %s", source, key, exc)
    if data and not voices:
        raise VoiceInstallError("not a Piper voice catalogue: no entry describes a voice", source)
    return voices


def _voice(key: str, entry: dict[str, Any]) -> CatalogueVoice:
    if not _SAFE_NAME.match(key):
        raise ValueError("not a safe voice name")
    language = entry["language"]
    files = []
    for path, info in entry["files"].items():
        parts = path.split("/")
        if any(p in ("", ".", "..") for p in parts) or not _SAFE_NAME.match(parts[-1]):
            raise ValueError(f"unsafe file path {path!r}")
        size, md5 = info["size_bytes"], info["md5_digest"]
        if not isinstance(size, int) or size < 0 or not re.fullmatch(r"[0-9a-f]{32}", md5):
            raise ValueError(f"{path}: bad size or MD5")
        files.append(CatalogueFile(path, size, md5))
    names = [f.name for f in files]
    if len(set(names)) != len(names) or not any(n.endswith(".onnx") for n in names):
        raise ValueError("expected one .onnx file and distinct file names")
    english = language.get("name_english") or language.get("family", "")
    country = language.get("country_english")
    return CatalogueVoice(
        key=key, name=str(entry.get("name", key)), locale=str(language["code"]),
        family=str(language.get("family") or language["code"].split("_")[0]).lower(),
        language=f"{english} ({country})" if country else english,
        quality=str(entry.get("quality", "")), speakers=int(entry.get("num_speakers", 1)),
        files=files, aliases=[str(a) for a in entry.get("aliases") or ()], entry=entry)


def fetch(session: httpx.Client, url: str | None = None) -> dict[str, CatalogueVoice]:
    """Returns the catalogue at ``url`` (default: :func:`base_url`), by key.

    Raises NetworkError when it cannot be fetched, VoiceInstallError when it is not a
    catalogue.
    """
    url = url or base_url()
    source = url + CATALOGUE_FILE
    body = http.get_bytes(session, source, CATALOGUE_MAX_BYTES)
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise VoiceInstallError(f"not a Piper voice catalogue: not JSON ({exc})", source) from None
    return parse(data, source)


def find(catalogue: dict[str, CatalogueVoice], name: str) -> CatalogueVoice:
    """Returns the voice called ``name`` (its key or one of its aliases).

    Raises VoiceInstallError suggesting the nearest names when there is none.
    """
    if name in catalogue:
        return catalogue[name]
    for voice in catalogue.values():
        if name in voice.aliases:
            return voice
    near = suggestions(catalogue, name)
    hint = f"; did you mean {', '.join(near)}?" if near else ""
    raise VoiceInstallError(f"no voice {name!r} in the catalogue{hint} "
                            f"(see: audio-edition voices available)")


def suggestions(catalogue: dict[str, CatalogueVoice], name: str, n: int = 3) -> list[str]:
    """Returns up to ``n`` voice names nearest to ``name``: close spellings first, then names
    that contain it (``thorsten`` finds ``de_DE-thorsten-medium``)."""
    keys = sorted(catalogue)
    scored = sorted(((difflib.SequenceMatcher(None, name, k).ratio(), k) for k in keys),
                    key=lambda pair: (-pair[0], pair[1]))
    # a typo finds its voice alone, not every voice that shares the quality's word with it
    best = scored[0][0] if scored else 0.0
    near = [k for ratio, k in scored[:n] if ratio >= max(0.6, best - 0.1)]
    lowered = name.lower()
    near += [k for k in keys if lowered and lowered in k.lower() and k not in near]
    return near[:n]


# -- installed voices --------------------------------------------------------------------

@dataclass
class Installed:
    """A voice installed by :func:`install`."""

    key: str
    """Its catalogue name."""
    folder: Path
    """The folder holding its files."""
    licence: str
    """Its licence as its model card states it, or ``not stated``."""
    record: dict[str, Any] = field(default_factory=dict, repr=False)
    """The content of its ``voice.json``."""


def installed(folder: Path | None = None) -> dict[str, Installed]:
    """Returns the voices installed in ``folder`` (default: :func:`paths.installed_voices_dir`),
    by key. A voice folder without a readable record is listed with an unknown licence."""
    folder = folder or paths.installed_voices_dir()
    out = {}
    if not folder.is_dir():
        return out
    for sub in sorted(folder.iterdir()):
        if sub.name.startswith(".") or not sub.is_dir():
            continue
        record: dict[str, Any] = {}
        try:
            record = json.loads((sub / RECORD_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
        if not isinstance(record, dict):
            record = {}
        out[sub.name] = Installed(sub.name, sub, str(record.get("licence") or "not stated"),
                                  record)
    return out


def licence_of(card: str) -> str:
    """Returns the licences a model card names (``* License: CC0``), joined by ``; ``, or
    ``not stated``."""
    found = []
    for match in _LICENCE.finditer(card):
        value = match.group(1).strip().strip("*_`").strip()
        if value and value not in found:
            found.append(value)
    return "; ".join(found) or "not stated"


Progress = Callable[[str, int, int], None]
"""``progress(file name, bytes so far, bytes in all)``, called as a download goes on."""


def is_installed(voice: CatalogueVoice, folder: Path | None = None) -> bool:
    """Whether ``voice`` is installed in ``folder`` (default:
    :func:`paths.installed_voices_dir`) with every file the catalogue lists, of its size."""
    return _complete((folder or paths.installed_voices_dir()) / voice.key, voice)


def install(session: httpx.Client, voice: CatalogueVoice, folder: Path | None = None,
            url: str | None = None, progress: Progress | None = None,
            checked: Callable[[CatalogueFile], None] | None = None) -> Installed:
    """Downloads ``voice`` into ``folder/<key>/`` (default folder:
    :func:`paths.installed_voices_dir`), checked against the catalogue's sizes and MD5 digests,
    and returns it. A voice already installed there with the right files is left as it is.
    ``checked(file)`` is called when a file has arrived and matched its MD5.

    A download that breaks off is resumed, here up to :data:`ATTEMPTS` times and by the next
    call otherwise. Raises NetworkError when a file cannot be fetched (what arrived is kept to
    resume from), VoiceInstallError when a file does not match the catalogue (then nothing of
    the voice is kept) or the folder cannot be written.
    """
    from filelock import FileLock, Timeout

    folder = folder or paths.installed_voices_dir()
    url = url or base_url()
    final = folder / voice.key
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with FileLock(folder / ".install.lock", timeout=0):
            if _complete(final, voice):
                return installed(folder)[voice.key]
            partial = folder / PARTIAL_DIR / voice.key
            partial.mkdir(parents=True, exist_ok=True)
            try:
                for file in voice.files:
                    _download(session, url + file.path, partial / file.name, file, progress)
                    if checked:
                        checked(file)
            except VoiceInstallError:
                shutil.rmtree(partial, ignore_errors=True)  # damaged: nothing to resume from
                raise
            card = partial / CARD_FILE
            licence = licence_of(card.read_text(encoding="utf-8", errors="replace")) \
                if card.is_file() else "not stated"
            record = {"key": voice.key, "source": url, "licence": licence,
                      "catalogue": voice.entry}
            atomic_write(partial / RECORD_FILE, json.dumps(record, indent=1, ensure_ascii=False))
            _replace_dir(partial, final)
            with contextlib.suppress(OSError):  # only when no other download is under way
                partial.parent.rmdir()
    except Timeout:
        raise VoiceInstallError("another `voices install` is running in this folder; try "
                                "again when it has finished", folder) from None
    except OSError as exc:
        raise VoiceInstallError(f"cannot write: {exc.strerror or exc}",
                                exc.filename or folder) from None
    return Installed(voice.key, final, licence, record)


def _complete(final: Path, voice: CatalogueVoice) -> bool:
    # Installed, with every file of the catalogue's size (the MD5s were checked on install).
    return (final / RECORD_FILE).is_file() and all(
        (final / f.name).is_file() and (final / f.name).stat().st_size == f.size
        for f in voice.files)


def _download(session: httpx.Client, url: str, target: Path, file: CatalogueFile,
              progress: Progress | None) -> None:
    """Fetches ``url`` into ``target`` until it has ``file.size`` bytes, resuming what is
    there, then checks its MD5. Raises NetworkError or VoiceInstallError."""
    import httpx

    part = target.with_name(target.name + ".part")
    if target.is_file() and target.stat().st_size == file.size:
        part = target  # finished by an earlier attempt, to be checked again
    for attempt in range(1, ATTEMPTS + 1):
        have = part.stat().st_size if part.exists() else 0
        if have > file.size:
            part.unlink()
            have = 0
        if have == file.size:
            break
        try:
            _fetch_from(session, url, part, have, file, progress)
            break
        except (httpx.TransportError, _Interrupted) as exc:
            got = part.stat().st_size if part.exists() else 0
            log.debug("%s: broke off at %d of %d bytes (attempt %d): %s", url, got, file.size,
                      attempt, exc)
            if attempt == ATTEMPTS:
                why = http.describe(exc) if isinstance(exc, httpx.HTTPError) else str(exc)
                raise http.NetworkError(
                    f"download broke off at {got} of {file.size} bytes: {why}; run the same "
                    "command again to resume", url) from None
    digest = _md5(part)
    if digest != file.md5:
        raise VoiceInstallError(
            f"{file.name}: MD5 {digest} but the catalogue says {file.md5}: the download is "
            "damaged or the catalogue is out of date; nothing was installed", url)
    if part != target:
        os.replace(part, target)


class _Interrupted(Exception):
    """The body ended before the catalogue's size was reached, without a transport error."""


def _fetch_from(session: httpx.Client, url: str, part: Path, have: int, file: CatalogueFile,
                progress: Progress | None) -> None:
    headers = {"Range": f"bytes={have}-"} if have else None
    with http.stream(session, url, headers) as response:
        resumed = response.status_code == 206 and response.headers.get(
            "Content-Range", "").startswith(f"bytes {have}-")
        if have and not resumed:
            log.debug("%s: the server ignored the range; starting again", url)
            have = 0
        with part.open("ab" if have else "wb") as out:
            if progress:
                progress(file.name, have, file.size)
            for chunk in response.iter_bytes(1 << 16):
                have += len(chunk)
                if have > file.size:
                    raise VoiceInstallError(
                        f"{file.name}: larger than the catalogue's {file.size} bytes; nothing "
                        "was installed", url)
                out.write(chunk)
                if progress:
                    progress(file.name, have, file.size)
    if have < file.size:
        raise _Interrupted(f"the server sent {have} of {file.size} bytes")


def _md5(path: Path) -> str:
    h = hashlib.md5(usedforsecurity=False)
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _replace_dir(source: Path, target: Path) -> None:
    """Renames the folder ``source`` to ``target``; a ``target`` already there is renamed
    out of the way first and removed after, so ``target`` is never half-written."""
    old = None
    if target.exists():
        old = target.with_name(f".old-{target.name}-{uuid.uuid4().hex[:8]}")
        os.replace(target, old)
    os.replace(source, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def remove(key: str, folder: Path | None = None) -> Path:
    """Removes the installed voice ``key`` from ``folder`` (default:
    :func:`paths.installed_voices_dir`); returns the folder it was in.

    Raises VoiceInstallError when it is not installed there, suggesting the installed names.
    """
    folder = folder or paths.installed_voices_dir()
    present = installed(folder)
    if key not in present:
        near = difflib.get_close_matches(key, list(present), n=3, cutoff=0.5)
        hint = (f"; did you mean {', '.join(near)}?" if near else
                f"; installed: {', '.join(present)}" if present else "; none are installed")
        raise VoiceInstallError(f"voice {key!r} is not installed here{hint}", folder)
    gone = folder / f".removed-{key}-{uuid.uuid4().hex[:8]}"
    try:
        os.replace(present[key].folder, gone)  # at once, so no build sees half a voice
        shutil.rmtree(gone)
    except OSError as exc:
        raise VoiceInstallError(f"cannot remove: {exc.strerror or exc}",
                                exc.filename or folder) from None
    shutil.rmtree(folder / PARTIAL_DIR / key, ignore_errors=True)
    return present[key].folder


# -- licences of voices not installed -----------------------------------------------------

def licences(session: httpx.Client, voices: Iterable[CatalogueVoice], url: str | None = None,
             cache: Path | None = None) -> dict[str, str]:
    """Returns the licence of each voice by key, from its model card, or ``?`` when the card
    cannot be fetched. Cards are kept in ``cache`` (default: ``$XDG_CACHE_HOME/audio-edition/
    voice-cards``) under their MD5, so each is fetched once."""
    url = url or base_url()
    cache = cache or paths.cache_dir() / "voice-cards"
    out: dict[str, str] = {}
    todo: list[tuple[str, CatalogueFile]] = []
    for voice in voices:
        card = voice.card
        if card is None:
            out[voice.key] = "not stated"
            continue
        try:
            out[voice.key] = licence_of((cache / card.md5).read_text(encoding="utf-8"))
        except OSError:
            todo.append((voice.key, card))

    def get(card: CatalogueFile) -> str:
        body = http.get_bytes(session, url + card.path, CARD_MAX_BYTES)
        if hashlib.md5(body, usedforsecurity=False).hexdigest() == card.md5:
            try:
                atomic_write(cache / card.md5, body)
            except OSError as exc:
                log.debug("cannot keep the model card in %s: %s", cache, exc)
        return licence_of(body.decode("utf-8", errors="replace"))

    if todo:
        with cf.ThreadPoolExecutor(8) as pool:
            futures = {key: pool.submit(get, card) for key, card in todo}
            for key, future in futures.items():
                try:
                    out[key] = future.result()
                except EditionError as exc:
                    log.debug("no licence for %s: %s", key, exc)
                    out[key] = "?"
    return out


def as_dict(voice: CatalogueVoice) -> dict[str, Any]:
    """Returns ``voice`` as plain data (for ``--json``), without the raw entry."""
    data = dataclasses.asdict(voice)
    data.pop("entry")
    data["size"] = voice.size
    return data
