"""`make bench`: side-by-side figures for the gateway and its peers, not pass/fail tests.

Every peer forwards to the same canned upstream (nginx) with the same request bodies; runs
are interleaved and repeated, and bench/results.md reports medians with their spread.
"""
