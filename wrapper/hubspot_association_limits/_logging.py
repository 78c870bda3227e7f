"""The library's logger: silent by default, switched on by ``HUBSPOT_ASSOCIATION_LIMITS_LOG``.

Every record passes through a redacting filter, so whatever handler the application attaches
never sees a token.
"""

from __future__ import annotations

import logging
import os
from typing import Final

from ._redact import redact

__all__ = ["ENV_VAR", "configure_from_env", "logger", "redact_record"]

ENV_VAR: Final = "HUBSPOT_ASSOCIATION_LIMITS_LOG"
_LEVELS: Final = {"info": logging.INFO, "debug": logging.DEBUG}


def redact_record(record: logging.LogRecord) -> bool:
    """A logging filter: the record's message, formatted and redacted (always kept)."""
    record.msg = redact(record.getMessage())
    record.args = None
    return True


logger: Final = logging.getLogger("hubspot_association_limits")
logger.addHandler(logging.NullHandler())
logger.addFilter(redact_record)

_env_handler: logging.Handler | None = None


def configure_from_env() -> None:
    """Attach one stderr handler at the level the environment asks for (``info`` or ``debug``)."""
    global _env_handler
    level = _LEVELS.get(os.environ.get(ENV_VAR, "").strip().lower())
    if level is None or _env_handler is not None:
        return
    _env_handler = logging.StreamHandler()
    _env_handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    logger.addHandler(_env_handler)
    logger.setLevel(level)
