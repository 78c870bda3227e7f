"""Benchmarks of the client against raw httpx, the generated client and hubspot-api-client (scripts/bench)."""
