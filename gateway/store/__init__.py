"""Persistence: the campaign registry, idempotency keys, API keys and vendor credentials."""
