"""Pydantic models compiled from specs/ by datamodel-code-generator."""
