"""``python -m hubspot_association_limits.mock``: serve the mock until stopped."""

import sys

from ._server import main

sys.exit(main())
