from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.tool_method import ToolMethod
from ..models.tool_on_hold_music import ToolOnHoldMusic
from ..models.tool_type import ToolType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tool_headers import ToolHeaders
    from ..models.tool_headers_array_item import ToolHeadersArrayItem
    from ..models.tool_llm_parameters_item import ToolLlmParametersItem
    from ..models.tool_query_params_item import ToolQueryParamsItem
    from ..models.tool_response_variables_item import ToolResponseVariablesItem
    from ..models.tool_transfer_option import ToolTransferOption
    from ..models.tool_variables_extraction_schema_item import ToolVariablesExtractionSchemaItem


T = TypeVar("T", bound="Tool")


@_attrs_define
class Tool:
    """Tool (function) available to the agent. The `type` field determines which
    additional fields are required. Backend validation enforces per-type schemas.

        Attributes:
            type_ (ToolType): The type of function/tool
            name (str): Unique name for the function (no spaces) Example: end_call.
            description (str): Description of what the function does Example: End the conversation when the user is
                satisfied.
            enabled (bool | Unset): Whether the tool is enabled Default: True.
            transfer_number (str | Unset): Required for transfer_call type. Phone number to transfer the call to (E.164
                format) Example: +1234567890.
            transfer_option (ToolTransferOption | Unset): Required for transfer_call type. Controls cold vs warm transfer
                behavior.
            on_hold_music (ToolOnHoldMusic | Unset): Optional for transfer_call type. Audio played to the caller while the
                transfer is in progress. Default: ToolOnHoldMusic.RINGTONE.
            transfer_only_if_human (bool | Unset): Optional for transfer_call type. If true, the call is only transferred
                when a human is detected on the receiving end (voicemail/IVR skipped). Default: True.
            detection_timeout (int | Unset): Optional for transfer_call type. Seconds to wait for human detection before
                giving up (5–60). Default: 30.
            url (str | Unset): Required for api_call type. The URL to make the HTTP request to. Example:
                https://api.example.com/orders.
            method (ToolMethod | Unset): Required for api_call type. HTTP method to use. Example: GET.
            timeout (int | Unset): Optional for api_call type. Request timeout in milliseconds (1000–30000). Default: 5000.
            headers (ToolHeaders | Unset): Optional for api_call type. Static HTTP headers as a key/value map. Example:
                {'Authorization': 'Bearer TOKEN', 'Content-Type': 'application/json'}.
            headers_array (list[ToolHeadersArrayItem] | Unset): Optional for api_call type. Headers as an array of key/value
                objects (alternative to `headers` map).
            query_params (list[ToolQueryParamsItem] | Unset): Optional for api_call type. Query parameters to include in the
                request URL. Values support variable templating like `{{order_id}}`.
            request_body (str | Unset): Optional for api_call type. Raw request body as a JSON string. Supports variable
                templating. Example: {"customer_id": "{{customer_id}}"}.
            llm_parameters (list[ToolLlmParametersItem] | Unset): Optional for api_call type. Parameters the LLM can supply
                dynamically at runtime.
            response_variables (list[ToolResponseVariablesItem] | Unset): Optional for api_call type. Variables to extract
                from the API response into the agent's variable store.
            variables_extraction_schema (list[ToolVariablesExtractionSchemaItem] | Unset): Required for
                extract_dynamic_variables type. Schema defining variables to extract from the conversation.
            knowledge_base_id (str | Unset): Required for knowledge_base_search type. ID of the knowledge base to search.
                Example: 60d0fe4f5311236168a109ca.
            filler_phrases (list[str] | Unset): Optional for knowledge_base_search type. Phrases spoken while searching.
                Example: ['Let me check that for you', 'One moment please'].
    """

    type_: ToolType
    name: str
    description: str
    enabled: bool | Unset = True
    transfer_number: str | Unset = UNSET
    transfer_option: ToolTransferOption | Unset = UNSET
    on_hold_music: ToolOnHoldMusic | Unset = ToolOnHoldMusic.RINGTONE
    transfer_only_if_human: bool | Unset = True
    detection_timeout: int | Unset = 30
    url: str | Unset = UNSET
    method: ToolMethod | Unset = UNSET
    timeout: int | Unset = 5000
    headers: ToolHeaders | Unset = UNSET
    headers_array: list[ToolHeadersArrayItem] | Unset = UNSET
    query_params: list[ToolQueryParamsItem] | Unset = UNSET
    request_body: str | Unset = UNSET
    llm_parameters: list[ToolLlmParametersItem] | Unset = UNSET
    response_variables: list[ToolResponseVariablesItem] | Unset = UNSET
    variables_extraction_schema: list[ToolVariablesExtractionSchemaItem] | Unset = UNSET
    knowledge_base_id: str | Unset = UNSET
    filler_phrases: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        name = self.name

        description = self.description

        enabled = self.enabled

        transfer_number = self.transfer_number

        transfer_option: dict[str, Any] | Unset = UNSET
        if not isinstance(self.transfer_option, Unset):
            transfer_option = self.transfer_option.to_dict()

        on_hold_music: str | Unset = UNSET
        if not isinstance(self.on_hold_music, Unset):
            on_hold_music = self.on_hold_music.value

        transfer_only_if_human = self.transfer_only_if_human

        detection_timeout = self.detection_timeout

        url = self.url

        method: str | Unset = UNSET
        if not isinstance(self.method, Unset):
            method = self.method.value

        timeout = self.timeout

        headers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.headers, Unset):
            headers = self.headers.to_dict()

        headers_array: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.headers_array, Unset):
            headers_array = []
            for headers_array_item_data in self.headers_array:
                headers_array_item = headers_array_item_data.to_dict()
                headers_array.append(headers_array_item)

        query_params: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.query_params, Unset):
            query_params = []
            for query_params_item_data in self.query_params:
                query_params_item = query_params_item_data.to_dict()
                query_params.append(query_params_item)

        request_body = self.request_body

        llm_parameters: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.llm_parameters, Unset):
            llm_parameters = []
            for llm_parameters_item_data in self.llm_parameters:
                llm_parameters_item = llm_parameters_item_data.to_dict()
                llm_parameters.append(llm_parameters_item)

        response_variables: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.response_variables, Unset):
            response_variables = []
            for response_variables_item_data in self.response_variables:
                response_variables_item = response_variables_item_data.to_dict()
                response_variables.append(response_variables_item)

        variables_extraction_schema: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.variables_extraction_schema, Unset):
            variables_extraction_schema = []
            for variables_extraction_schema_item_data in self.variables_extraction_schema:
                variables_extraction_schema_item = variables_extraction_schema_item_data.to_dict()
                variables_extraction_schema.append(variables_extraction_schema_item)

        knowledge_base_id = self.knowledge_base_id

        filler_phrases: list[str] | Unset = UNSET
        if not isinstance(self.filler_phrases, Unset):
            filler_phrases = self.filler_phrases

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "name": name,
                "description": description,
            }
        )
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if transfer_number is not UNSET:
            field_dict["transferNumber"] = transfer_number
        if transfer_option is not UNSET:
            field_dict["transferOption"] = transfer_option
        if on_hold_music is not UNSET:
            field_dict["onHoldMusic"] = on_hold_music
        if transfer_only_if_human is not UNSET:
            field_dict["transferOnlyIfHuman"] = transfer_only_if_human
        if detection_timeout is not UNSET:
            field_dict["detectionTimeout"] = detection_timeout
        if url is not UNSET:
            field_dict["url"] = url
        if method is not UNSET:
            field_dict["method"] = method
        if timeout is not UNSET:
            field_dict["timeout"] = timeout
        if headers is not UNSET:
            field_dict["headers"] = headers
        if headers_array is not UNSET:
            field_dict["headersArray"] = headers_array
        if query_params is not UNSET:
            field_dict["queryParams"] = query_params
        if request_body is not UNSET:
            field_dict["requestBody"] = request_body
        if llm_parameters is not UNSET:
            field_dict["llmParameters"] = llm_parameters
        if response_variables is not UNSET:
            field_dict["responseVariables"] = response_variables
        if variables_extraction_schema is not UNSET:
            field_dict["variablesExtractionSchema"] = variables_extraction_schema
        if knowledge_base_id is not UNSET:
            field_dict["knowledgeBaseId"] = knowledge_base_id
        if filler_phrases is not UNSET:
            field_dict["fillerPhrases"] = filler_phrases

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tool_headers import ToolHeaders  # noqa: PLC0415
        from ..models.tool_headers_array_item import ToolHeadersArrayItem  # noqa: PLC0415
        from ..models.tool_llm_parameters_item import ToolLlmParametersItem  # noqa: PLC0415
        from ..models.tool_query_params_item import ToolQueryParamsItem  # noqa: PLC0415
        from ..models.tool_response_variables_item import ToolResponseVariablesItem  # noqa: PLC0415
        from ..models.tool_transfer_option import ToolTransferOption  # noqa: PLC0415
        from ..models.tool_variables_extraction_schema_item import ToolVariablesExtractionSchemaItem  # noqa: PLC0415

        d = dict(src_dict)
        type_ = ToolType(d.pop("type"))

        name = d.pop("name")

        description = d.pop("description")

        enabled = d.pop("enabled", UNSET)

        transfer_number = d.pop("transferNumber", UNSET)

        _transfer_option = d.pop("transferOption", UNSET)
        transfer_option: ToolTransferOption | Unset
        if isinstance(_transfer_option, Unset):
            transfer_option = UNSET
        else:
            transfer_option = ToolTransferOption.from_dict(_transfer_option)

        _on_hold_music = d.pop("onHoldMusic", UNSET)
        on_hold_music: ToolOnHoldMusic | Unset
        if isinstance(_on_hold_music, Unset):
            on_hold_music = UNSET
        else:
            on_hold_music = ToolOnHoldMusic(_on_hold_music)

        transfer_only_if_human = d.pop("transferOnlyIfHuman", UNSET)

        detection_timeout = d.pop("detectionTimeout", UNSET)

        url = d.pop("url", UNSET)

        _method = d.pop("method", UNSET)
        method: ToolMethod | Unset
        if isinstance(_method, Unset):
            method = UNSET
        else:
            method = ToolMethod(_method)

        timeout = d.pop("timeout", UNSET)

        _headers = d.pop("headers", UNSET)
        headers: ToolHeaders | Unset
        if isinstance(_headers, Unset):
            headers = UNSET
        else:
            headers = ToolHeaders.from_dict(_headers)

        _headers_array = d.pop("headersArray", UNSET)
        headers_array: list[ToolHeadersArrayItem] | Unset = UNSET
        if _headers_array is not UNSET:
            headers_array = []
            for headers_array_item_data in _headers_array:
                headers_array_item = ToolHeadersArrayItem.from_dict(headers_array_item_data)

                headers_array.append(headers_array_item)

        _query_params = d.pop("queryParams", UNSET)
        query_params: list[ToolQueryParamsItem] | Unset = UNSET
        if _query_params is not UNSET:
            query_params = []
            for query_params_item_data in _query_params:
                query_params_item = ToolQueryParamsItem.from_dict(query_params_item_data)

                query_params.append(query_params_item)

        request_body = d.pop("requestBody", UNSET)

        _llm_parameters = d.pop("llmParameters", UNSET)
        llm_parameters: list[ToolLlmParametersItem] | Unset = UNSET
        if _llm_parameters is not UNSET:
            llm_parameters = []
            for llm_parameters_item_data in _llm_parameters:
                llm_parameters_item = ToolLlmParametersItem.from_dict(llm_parameters_item_data)

                llm_parameters.append(llm_parameters_item)

        _response_variables = d.pop("responseVariables", UNSET)
        response_variables: list[ToolResponseVariablesItem] | Unset = UNSET
        if _response_variables is not UNSET:
            response_variables = []
            for response_variables_item_data in _response_variables:
                response_variables_item = ToolResponseVariablesItem.from_dict(response_variables_item_data)

                response_variables.append(response_variables_item)

        _variables_extraction_schema = d.pop("variablesExtractionSchema", UNSET)
        variables_extraction_schema: list[ToolVariablesExtractionSchemaItem] | Unset = UNSET
        if _variables_extraction_schema is not UNSET:
            variables_extraction_schema = []
            for variables_extraction_schema_item_data in _variables_extraction_schema:
                variables_extraction_schema_item = ToolVariablesExtractionSchemaItem.from_dict(
                    variables_extraction_schema_item_data
                )

                variables_extraction_schema.append(variables_extraction_schema_item)

        knowledge_base_id = d.pop("knowledgeBaseId", UNSET)

        filler_phrases = cast(list[str], d.pop("fillerPhrases", UNSET))

        tool = cls(
            type_=type_,
            name=name,
            description=description,
            enabled=enabled,
            transfer_number=transfer_number,
            transfer_option=transfer_option,
            on_hold_music=on_hold_music,
            transfer_only_if_human=transfer_only_if_human,
            detection_timeout=detection_timeout,
            url=url,
            method=method,
            timeout=timeout,
            headers=headers,
            headers_array=headers_array,
            query_params=query_params,
            request_body=request_body,
            llm_parameters=llm_parameters,
            response_variables=response_variables,
            variables_extraction_schema=variables_extraction_schema,
            knowledge_base_id=knowledge_base_id,
            filler_phrases=filler_phrases,
        )

        tool.additional_properties = d
        return tool

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
