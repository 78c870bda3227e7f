"""HubSpot association limits: a typed client, a stateful mock and a contract-test kit."""
