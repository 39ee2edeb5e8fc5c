"""Operation handlers, a few lines each: parse, call, respond."""
