"""Token redaction for log lines and error messages.

Two nets: every token a client was given is registered and replaced verbatim, and anything that
looks like a credential (``Bearer xyz``, ``access_token=xyz``) is masked by pattern, so a secret
echoed back by a server or a proxy never reaches a log or an exception text.
"""

from __future__ import annotations

import re
import threading
from typing import Final

__all__ = ["MASK", "redact", "register_secret"]

MASK: Final = "[REDACTED]"

# Shorter strings would mask ordinary words; real tokens are far longer.
_MIN_SECRET_LENGTH: Final = 8

_PATTERNS: Final = (
    re.compile(r"(?i)(bearer\s+)[^\s\"',;]+"),
    re.compile(
        r"(?i)((?:access_token|refresh_token|client_secret|token)[\"']?\s*[:=]\s*[\"']?)[^\s\"'&,;}]+"
    ),
)

_lock = threading.Lock()
_secrets: set[str] = set()


def register_secret(secret: str | None) -> None:
    """Remember a secret so that ``redact`` replaces it wherever it appears."""
    if secret and len(secret) >= _MIN_SECRET_LENGTH:
        with _lock:
            _secrets.add(secret)


def redact(text: str) -> str:
    """``text`` with every registered secret and every credential-looking value masked."""
    with _lock:
        known = sorted(_secrets, key=len, reverse=True)
    for secret in known:
        if secret in text:
            text = text.replace(secret, MASK)
    for pattern in _PATTERNS:
        text = pattern.sub(lambda match: match.group(1) + MASK, text)
    return text
