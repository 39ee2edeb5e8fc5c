"""campaign-gateway: one spec-first HTTP API for outbound SMS and AI-voice campaigns."""
