"""pytest plugin: the ``hubspot_mock`` fixture (registered through the ``pytest11`` entry point)."""
