"""Token redaction for log lines and error messages.

Two nets: every token a client was given is registered and replaced verbatim, and anything that
looks like a credential (``Bearer xyz``, ``access_token=xyz``, a HubSpot ``pat-`` token, the password
of a ``scheme://user:password@host`` URL) is masked by pattern, so a secret echoed back by a server or
a proxy never reaches a log or an exception text. Only the secret goes: the library's own messages
("no token: pass --token ...") read as written.
"""

from __future__ import annotations

import re
import threading
from typing import Final

__all__ = ["MASK", "redact", "register_secret"]

MASK: Final = "[REDACTED]"

# Shorter strings would mask ordinary words; real tokens are far longer.
_MIN_SECRET_LENGTH: Final = 8

# A value after "token:" or "Bearer" made of letters only (words, or identifiers such as
# HUBSPOT_ACCESS_TOKEN) is prose, not a credential: real tokens carry digits or are far longer.
_WORD: Final = re.compile(r"[A-Za-z]+(?:[-_][A-Za-z]+)*")
_LONGEST_WORD: Final = 31

# Each pattern: (prefix kept)(value masked if it looks like a credential).
_KEYED: Final = (
    re.compile(r"(?i)(\bbearer\s+)([^\s\"',;]+)"),
    re.compile(
        r"(?i)((?:access_token|refresh_token|client_secret|token)[\"']?\s*[:=]\s*[\"']?)([^\s\"'&,;}]+)"
    ),
)
# Masked whatever they look like: HubSpot private-app tokens (pat-<region>-<uuid>) wherever they
# stand, and the password in a URL's user info (redis://:pw@host, https://user:pw@proxy).
_PAT: Final = re.compile(r"(?i)\bpat-[a-z]{2}\d+-[\w-]{8,}")
_URL_PASSWORD: Final = re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*://[^\s:/@]*:)[^\s@/]+(?=@)")

_lock = threading.Lock()
_secrets: set[str] = set()


def register_secret(secret: str | None) -> None:
    """Remember a secret so that ``redact`` replaces it wherever it appears."""
    if secret and len(secret) >= _MIN_SECRET_LENGTH:
        with _lock:
            _secrets.add(secret)


def _looks_like_credential(value: str) -> bool:
    value = value.strip(".:!?()")  # a word in brackets or ending a sentence is still a word
    return len(value) > _LONGEST_WORD or _WORD.fullmatch(value) is None


def _mask_value(match: re.Match[str]) -> str:
    value = match.group(2)
    return match.group(1) + (MASK if _looks_like_credential(value) else value)


def redact(text: str) -> str:
    """``text`` with every registered secret and every credential-looking value masked."""
    with _lock:
        known = sorted(_secrets, key=len, reverse=True)
    for secret in known:
        if secret in text:
            text = text.replace(secret, MASK)
    text = _PAT.sub(MASK, text)
    text = _URL_PASSWORD.sub(lambda match: match.group(1) + MASK, text)
    for keyed in _KEYED:
        text = keyed.sub(_mask_value, text)
    return text
