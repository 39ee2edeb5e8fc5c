from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.recipient_variables import RecipientVariables


T = TypeVar("T", bound="Recipient")


@_attrs_define
class Recipient:
    """
    Attributes:
        phone (str): Phone number in E.164 (`+` and country code); must be a valid number. Example: +33612345678.
        first_name (str | Unset):
        last_name (str | Unset):
        variables (RecipientVariables | Unset): Values for `{{<variable>}}` placeholders or the voice agent's prompt.
    """

    phone: str
    first_name: str | Unset = UNSET
    last_name: str | Unset = UNSET
    variables: RecipientVariables | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        phone = self.phone

        first_name = self.first_name

        last_name = self.last_name

        variables: dict[str, Any] | Unset = UNSET
        if not isinstance(self.variables, Unset):
            variables = self.variables.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "phone": phone,
            }
        )
        if first_name is not UNSET:
            field_dict["first_name"] = first_name
        if last_name is not UNSET:
            field_dict["last_name"] = last_name
        if variables is not UNSET:
            field_dict["variables"] = variables

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.recipient_variables import RecipientVariables  # noqa: PLC0415

        d = dict(src_dict)
        phone = d.pop("phone")

        first_name = d.pop("first_name", UNSET)

        last_name = d.pop("last_name", UNSET)

        _variables = d.pop("variables", UNSET)
        variables: RecipientVariables | Unset
        if isinstance(_variables, Unset):
            variables = UNSET
        else:
            variables = RecipientVariables.from_dict(_variables)

        recipient = cls(
            phone=phone,
            first_name=first_name,
            last_name=last_name,
            variables=variables,
        )

        return recipient
