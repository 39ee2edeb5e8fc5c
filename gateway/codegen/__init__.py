"""Compile specs/ into generated/: typed clients, pydantic models and the served spec.

Modules:
    config: the vendor list (specs/vendors.toml) and the generator recipe.
    specs: loading and validating OpenAPI documents, with file:line errors.
    regenerate: incremental, atomic generation and the drift check.
"""
