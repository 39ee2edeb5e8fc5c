from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_dto_pre_call_api_method import AgentDTOPreCallAPIMethod
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agent_dto_pre_call_api_body import AgentDTOPreCallAPIBody
    from ..models.agent_dto_pre_call_api_headers import AgentDTOPreCallAPIHeaders
    from ..models.agent_dto_pre_call_api_query_params import AgentDTOPreCallAPIQueryParams
    from ..models.agent_dto_pre_call_api_response_variables_item import AgentDTOPreCallAPIResponseVariablesItem


T = TypeVar("T", bound="AgentDTOPreCallAPI")


@_attrs_define
class AgentDTOPreCallAPI:
    """Configuration for an API call to be made before the call starts. The response variables can be injected into the
    agent's prompt.

        Attributes:
            url (str): The URL of the API endpoint to call.
            method (AgentDTOPreCallAPIMethod): The HTTP method to use for the API call.
            is_enabled (bool | Unset): Whether the pre-call API is enabled. Default: False.
            headers (AgentDTOPreCallAPIHeaders | Unset): Optional HTTP headers to include in the request.
            body (AgentDTOPreCallAPIBody | Unset): Optional request body for POST/PUT/PATCH requests.
            timeout (int | Unset): Timeout in seconds for the API call. Default: 5.
            query_params (AgentDTOPreCallAPIQueryParams | Unset): Optional query parameters to include in the request URL.
            response_variables (list[AgentDTOPreCallAPIResponseVariablesItem] | Unset): List of variables to extract from
                the API response using JSON path expressions.
    """

    url: str
    method: AgentDTOPreCallAPIMethod
    is_enabled: bool | Unset = False
    headers: AgentDTOPreCallAPIHeaders | Unset = UNSET
    body: AgentDTOPreCallAPIBody | Unset = UNSET
    timeout: int | Unset = 5
    query_params: AgentDTOPreCallAPIQueryParams | Unset = UNSET
    response_variables: list[AgentDTOPreCallAPIResponseVariablesItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        method = self.method.value

        is_enabled = self.is_enabled

        headers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.headers, Unset):
            headers = self.headers.to_dict()

        body: dict[str, Any] | Unset = UNSET
        if not isinstance(self.body, Unset):
            body = self.body.to_dict()

        timeout = self.timeout

        query_params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.query_params, Unset):
            query_params = self.query_params.to_dict()

        response_variables: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.response_variables, Unset):
            response_variables = []
            for response_variables_item_data in self.response_variables:
                response_variables_item = response_variables_item_data.to_dict()
                response_variables.append(response_variables_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "url": url,
                "method": method,
            }
        )
        if is_enabled is not UNSET:
            field_dict["isEnabled"] = is_enabled
        if headers is not UNSET:
            field_dict["headers"] = headers
        if body is not UNSET:
            field_dict["body"] = body
        if timeout is not UNSET:
            field_dict["timeout"] = timeout
        if query_params is not UNSET:
            field_dict["queryParams"] = query_params
        if response_variables is not UNSET:
            field_dict["responseVariables"] = response_variables

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_dto_pre_call_api_body import AgentDTOPreCallAPIBody  # noqa: PLC0415
        from ..models.agent_dto_pre_call_api_headers import AgentDTOPreCallAPIHeaders  # noqa: PLC0415
        from ..models.agent_dto_pre_call_api_query_params import AgentDTOPreCallAPIQueryParams  # noqa: PLC0415
        from ..models.agent_dto_pre_call_api_response_variables_item import AgentDTOPreCallAPIResponseVariablesItem  # noqa: PLC0415

        d = dict(src_dict)
        url = d.pop("url")

        method = AgentDTOPreCallAPIMethod(d.pop("method"))

        is_enabled = d.pop("isEnabled", UNSET)

        _headers = d.pop("headers", UNSET)
        headers: AgentDTOPreCallAPIHeaders | Unset
        if isinstance(_headers, Unset):
            headers = UNSET
        else:
            headers = AgentDTOPreCallAPIHeaders.from_dict(_headers)

        _body = d.pop("body", UNSET)
        body: AgentDTOPreCallAPIBody | Unset
        if isinstance(_body, Unset):
            body = UNSET
        else:
            body = AgentDTOPreCallAPIBody.from_dict(_body)

        timeout = d.pop("timeout", UNSET)

        _query_params = d.pop("queryParams", UNSET)
        query_params: AgentDTOPreCallAPIQueryParams | Unset
        if isinstance(_query_params, Unset):
            query_params = UNSET
        else:
            query_params = AgentDTOPreCallAPIQueryParams.from_dict(_query_params)

        _response_variables = d.pop("responseVariables", UNSET)
        response_variables: list[AgentDTOPreCallAPIResponseVariablesItem] | Unset = UNSET
        if _response_variables is not UNSET:
            response_variables = []
            for response_variables_item_data in _response_variables:
                response_variables_item = AgentDTOPreCallAPIResponseVariablesItem.from_dict(
                    response_variables_item_data
                )

                response_variables.append(response_variables_item)

        agent_dto_pre_call_api = cls(
            url=url,
            method=method,
            is_enabled=is_enabled,
            headers=headers,
            body=body,
            timeout=timeout,
            query_params=query_params,
            response_variables=response_variables,
        )

        agent_dto_pre_call_api.additional_properties = d
        return agent_dto_pre_call_api

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
