"""What the packaging tests share (uniquely named, so it never shadows another module)."""

# What a base install must not load (issue 12): the CLI and mock stacks and httpx's own command line.
# bench/_import.py reports the same list for the import benchmark.
FORBIDDEN = [
    "click",
    "rich",
    "typer",
    "pydantic",
    "starlette",
    "uvicorn",
    "yaml",
    "jsonschema",
    "hubspot_association_limits.cli",
    "hubspot_association_limits.mock",
]
