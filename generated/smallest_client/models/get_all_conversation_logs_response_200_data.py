from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.get_all_conversation_logs_response_200_data_disposition_metrics_config_item import (
        GetAllConversationLogsResponse200DataDispositionMetricsConfigItem,
    )
    from ..models.get_all_conversation_logs_response_200_data_logs_item import (
        GetAllConversationLogsResponse200DataLogsItem,
    )
    from ..models.get_all_conversation_logs_response_200_data_pagination import (
        GetAllConversationLogsResponse200DataPagination,
    )


T = TypeVar("T", bound="GetAllConversationLogsResponse200Data")


@_attrs_define
class GetAllConversationLogsResponse200Data:
    """
    Attributes:
        logs (list[GetAllConversationLogsResponse200DataLogsItem] | Unset):
        pagination (GetAllConversationLogsResponse200DataPagination | Unset):
        disposition_metrics_config (list[GetAllConversationLogsResponse200DataDispositionMetricsConfigItem] | Unset):
            Global disposition metrics configuration
    """

    logs: list[GetAllConversationLogsResponse200DataLogsItem] | Unset = UNSET
    pagination: GetAllConversationLogsResponse200DataPagination | Unset = UNSET
    disposition_metrics_config: list[GetAllConversationLogsResponse200DataDispositionMetricsConfigItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        logs: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.logs, Unset):
            logs = []
            for logs_item_data in self.logs:
                logs_item = logs_item_data.to_dict()
                logs.append(logs_item)

        pagination: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pagination, Unset):
            pagination = self.pagination.to_dict()

        disposition_metrics_config: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.disposition_metrics_config, Unset):
            disposition_metrics_config = []
            for disposition_metrics_config_item_data in self.disposition_metrics_config:
                disposition_metrics_config_item = disposition_metrics_config_item_data.to_dict()
                disposition_metrics_config.append(disposition_metrics_config_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if logs is not UNSET:
            field_dict["logs"] = logs
        if pagination is not UNSET:
            field_dict["pagination"] = pagination
        if disposition_metrics_config is not UNSET:
            field_dict["dispositionMetricsConfig"] = disposition_metrics_config

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.get_all_conversation_logs_response_200_data_disposition_metrics_config_item import (
            GetAllConversationLogsResponse200DataDispositionMetricsConfigItem,  # noqa: PLC0415
        )
        from ..models.get_all_conversation_logs_response_200_data_logs_item import (
            GetAllConversationLogsResponse200DataLogsItem,  # noqa: PLC0415
        )
        from ..models.get_all_conversation_logs_response_200_data_pagination import (
            GetAllConversationLogsResponse200DataPagination,  # noqa: PLC0415
        )

        d = dict(src_dict)
        _logs = d.pop("logs", UNSET)
        logs: list[GetAllConversationLogsResponse200DataLogsItem] | Unset = UNSET
        if _logs is not UNSET:
            logs = []
            for logs_item_data in _logs:
                logs_item = GetAllConversationLogsResponse200DataLogsItem.from_dict(logs_item_data)

                logs.append(logs_item)

        _pagination = d.pop("pagination", UNSET)
        pagination: GetAllConversationLogsResponse200DataPagination | Unset
        if isinstance(_pagination, Unset):
            pagination = UNSET
        else:
            pagination = GetAllConversationLogsResponse200DataPagination.from_dict(_pagination)

        _disposition_metrics_config = d.pop("dispositionMetricsConfig", UNSET)
        disposition_metrics_config: list[GetAllConversationLogsResponse200DataDispositionMetricsConfigItem] | Unset = (
            UNSET
        )
        if _disposition_metrics_config is not UNSET:
            disposition_metrics_config = []
            for disposition_metrics_config_item_data in _disposition_metrics_config:
                disposition_metrics_config_item = (
                    GetAllConversationLogsResponse200DataDispositionMetricsConfigItem.from_dict(
                        disposition_metrics_config_item_data
                    )
                )

                disposition_metrics_config.append(disposition_metrics_config_item)

        get_all_conversation_logs_response_200_data = cls(
            logs=logs,
            pagination=pagination,
            disposition_metrics_config=disposition_metrics_config,
        )

        get_all_conversation_logs_response_200_data.additional_properties = d
        return get_all_conversation_logs_response_200_data

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
