from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.weekday import Weekday
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.window import Window


T = TypeVar("T", bound="Schedule")


@_attrs_define
class Schedule:
    """
    Attributes:
        start_at (datetime.datetime | Unset): When the campaign starts; an offset (`Z` or `+01:00`) is required.
            Example: 2030-01-15T09:00:00+01:00.
        timezone (str | Unset): IANA time zone of `windows` and `days`, e.g. `Europe/Paris`. Example: Europe/Paris.
        windows (list[Window] | Unset):
        days (list[Weekday] | Unset):
        daily_limit (int | Unset): At most this many calls or messages a day.
    """

    start_at: datetime.datetime | Unset = UNSET
    timezone: str | Unset = UNSET
    windows: list[Window] | Unset = UNSET
    days: list[Weekday] | Unset = UNSET
    daily_limit: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        start_at: str | Unset = UNSET
        if not isinstance(self.start_at, Unset):
            start_at = self.start_at.isoformat()

        timezone = self.timezone

        windows: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.windows, Unset):
            windows = []
            for windows_item_data in self.windows:
                windows_item = windows_item_data.to_dict()
                windows.append(windows_item)

        days: list[str] | Unset = UNSET
        if not isinstance(self.days, Unset):
            days = []
            for days_item_data in self.days:
                days_item = days_item_data.value
                days.append(days_item)

        daily_limit = self.daily_limit

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if start_at is not UNSET:
            field_dict["start_at"] = start_at
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if windows is not UNSET:
            field_dict["windows"] = windows
        if days is not UNSET:
            field_dict["days"] = days
        if daily_limit is not UNSET:
            field_dict["daily_limit"] = daily_limit

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.window import Window  # noqa: PLC0415

        d = dict(src_dict)
        _start_at = d.pop("start_at", UNSET)
        start_at: datetime.datetime | Unset
        if isinstance(_start_at, Unset):
            start_at = UNSET
        else:
            start_at = datetime.datetime.fromisoformat(_start_at)

        timezone = d.pop("timezone", UNSET)

        _windows = d.pop("windows", UNSET)
        windows: list[Window] | Unset = UNSET
        if _windows is not UNSET:
            windows = []
            for windows_item_data in _windows:
                windows_item = Window.from_dict(windows_item_data)

                windows.append(windows_item)

        _days = d.pop("days", UNSET)
        days: list[Weekday] | Unset = UNSET
        if _days is not UNSET:
            days = []
            for days_item_data in _days:
                days_item = Weekday(days_item_data)

                days.append(days_item)

        daily_limit = d.pop("daily_limit", UNSET)

        schedule = cls(
            start_at=start_at,
            timezone=timezone,
            windows=windows,
            days=days,
            daily_limit=daily_limit,
        )

        return schedule
