"""A stateful mock of HubSpot's association-limit service."""
