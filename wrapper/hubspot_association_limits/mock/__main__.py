"""``python -m hubspot_association_limits.mock``: serve the mock until stopped."""

import sys

from .._extras import install_hint, is_missing

try:
    from ._server import main
except ImportError as error:
    if not is_missing(error, "mock"):
        raise
    sys.exit(install_hint("mock", "the mock server"))

sys.exit(main())
