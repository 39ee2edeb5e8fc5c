"""Phone numbers of every region: checked and normalised, their metadata patterns compiled once."""

from __future__ import annotations

import re
from typing import Any

import phonenumbers
import pytest

from gateway.campaign import normalise_phone


def _example_numbers() -> list[str]:
    examples = (phonenumbers.example_number(region) for region in sorted(phonenumbers.SUPPORTED_REGIONS))
    return [phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164) for n in examples if n is not None]


def test_an_example_number_of_every_region_is_valid_as_written() -> None:
    numbers = _example_numbers()
    assert len(numbers) > 200
    assert [normalise_phone(number) for number in numbers] == numbers


def test_checking_numbers_of_every_region_again_compiles_no_pattern(monkeypatch: pytest.MonkeyPatch) -> None:
    # More patterns than the re module's own cache holds: without ours, each would compile again.
    numbers = _example_numbers()
    for number in numbers:
        normalise_phone(number)
    compiled: list[str] = []
    compile_pattern = re.compile

    def counting(pattern: Any, flags: int = 0) -> re.Pattern[Any]:
        compiled.append(pattern)
        return compile_pattern(pattern, flags)

    monkeypatch.setattr(re, "compile", counting)
    for number in numbers:
        normalise_phone(number)
    assert compiled == []
