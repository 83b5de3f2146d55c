"""The one place audio-edition talks HTTP: a client with our User-Agent, timeouts, a limit on
redirects, and reads that stop at a size limit; its failures become one-line errors.

Built on httpx. Whatever fetches something (voice downloads, articles or feeds by URL) should
take its client from :func:`client` and read through :func:`get_bytes` or :func:`stream`, so
that every request behaves the same and every failure reads the same way.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from audio_edition import __version__
from audio_edition.errors import EditionError

if TYPE_CHECKING:  # pragma: no cover
    import httpx

USER_AGENT = f"audio-edition/{__version__} (+https://pypi.org/project/audio-edition/)"
"""Names the tool and its version to the servers it asks."""
CONNECT_TIMEOUT = 10.0
"""Seconds to wait for a connection."""
READ_TIMEOUT = 30.0
"""Seconds to wait for the next bytes of a response: a server that stalls longer has failed."""
MAX_REDIRECTS = 5
"""Redirects followed before giving up (the voice catalogue redirects once, to its CDN)."""
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""What :func:`get_bytes` reads at most unless told otherwise: a page, a feed, a catalogue."""
DEFAULT_TIMEOUT = 30.0
"""Seconds a request for an article or feed may take in all, from connecting to the last byte
(``build --timeout``)."""

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(value: object) -> bool:
    """Returns whether ``value`` (a command-line source) is a URL rather than a path."""
    return isinstance(value, str) and bool(_SCHEME.match(value.strip()))


class NetworkError(EditionError):
    """A URL could not be fetched: no connection, a timeout, an HTTP error status, or a body
    larger than allowed. Prints as ``Error: <url>: <problem>``."""

    status: int | None = None
    """The HTTP status the server answered with, when that was the problem."""


def client(**kwargs) -> httpx.Client:
    """Returns a new httpx client with our User-Agent, timeouts and redirect limit; keyword
    arguments are passed on to :class:`httpx.Client` and override those. Close it (it is a
    context manager) when done."""
    import httpx

    options = {
        "headers": {"User-Agent": USER_AGENT},
        "timeout": httpx.Timeout(READ_TIMEOUT, connect=CONNECT_TIMEOUT),
        "follow_redirects": True,
        "max_redirects": MAX_REDIRECTS,
    }
    options.update(kwargs)
    return httpx.Client(**options)


def describe(exc: Exception) -> str:
    """Returns one line saying what went wrong with a request, for a person."""
    import httpx

    if isinstance(exc, httpx.HTTPStatusError):
        return f"HTTP {exc.response.status_code} {exc.response.reason_phrase}".rstrip()
    if isinstance(exc, httpx.ConnectTimeout):
        return f"no connection within {_timeout(exc, 'connect', CONNECT_TIMEOUT):g} s " \
               "(is the network up?)"
    if isinstance(exc, httpx.TimeoutException):
        return f"the server stopped sending for {_timeout(exc, 'read', READ_TIMEOUT):g} s"
    if isinstance(exc, httpx.ConnectError):
        reason = str(exc).split("] ", 1)[-1] or "connection failed"
        return f"cannot connect ({reason}); is the network up?"
    if isinstance(exc, httpx.TooManyRedirects):
        return f"more than {MAX_REDIRECTS} redirects"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"the server broke off the response ({exc})"
    if isinstance(exc, httpx.UnsupportedProtocol):
        return "not an http:// or https:// URL"
    return str(exc) or type(exc).__name__


def _timeout(exc: Exception, kind: str, default: float) -> float:
    """Returns the timeout of ``kind`` the failed request had (its client's), else
    ``default``."""
    try:
        value = exc.request.extensions["timeout"][kind]  # type: ignore[attr-defined]
    except (AttributeError, RuntimeError, KeyError, TypeError):
        return default
    return value if isinstance(value, (int, float)) else default


@contextlib.contextmanager
def stream(session: httpx.Client, url: str, headers: dict[str, str] | None = None
           ) -> Iterator[httpx.Response]:
    """Opens a streamed GET of ``url`` and yields the response once its status is known.

    Raises NetworkError naming the URL for an error status or a failed connection; errors
    while the body is read are the caller's (they may resume).
    """
    import httpx

    opened = False
    try:
        with session.stream("GET", url, headers=headers) as response:
            if response.status_code >= 400:
                response.read()
                response.raise_for_status()
            opened = True
            yield response
    except httpx.HTTPError as exc:
        if opened:
            raise
        error = NetworkError(describe(exc), url)
        if isinstance(exc, httpx.HTTPStatusError):
            error.status = exc.response.status_code
        raise error from None


def get_bytes(session: httpx.Client, url: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Returns the body at ``url``, read to the end.

    Raises NetworkError naming the URL when it cannot be fetched or is larger than
    ``max_bytes``.
    """
    import httpx

    with stream(session, url) as response:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise NetworkError(f"larger than {max_bytes} bytes ({declared})", url)
        body = bytearray()
        try:
            for part in response.iter_bytes():
                body += part
                if len(body) > max_bytes:
                    raise NetworkError(f"larger than {max_bytes} bytes", url)
        except httpx.HTTPError as exc:
            raise NetworkError(describe(exc), url) from None
    return bytes(body)
