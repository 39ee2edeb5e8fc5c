"""Output of `make regenerate`; never edited by hand."""
