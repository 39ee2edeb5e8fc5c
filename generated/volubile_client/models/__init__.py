"""Contains all the data models used in inputs/outputs"""

from .call import Call
from .call_classification_data import CallClassificationData
from .call_context import CallContext
from .call_extracted_data import CallExtractedData
from .call_page import CallPage
from .call_status import CallStatus
from .call_type import CallType
from .campaign_response import CampaignResponse
from .campaign_response_days_item import CampaignResponseDaysItem
from .campaign_response_status import CampaignResponseStatus
from .create_campaign_recipient_request import CreateCampaignRecipientRequest
from .create_campaign_recipient_request_context import CreateCampaignRecipientRequestContext
from .create_campaign_request import CreateCampaignRequest
from .create_campaign_request_days_item import CreateCampaignRequestDaysItem
from .error_response import ErrorResponse
from .retry import Retry
from .time_slot import TimeSlot
from .update_status_body import UpdateStatusBody
from .validation_error import ValidationError
from .validation_error_rejected_value import ValidationErrorRejectedValue

__all__ = (
    "Call",
    "CallClassificationData",
    "CallContext",
    "CallExtractedData",
    "CallPage",
    "CallStatus",
    "CallType",
    "CampaignResponse",
    "CampaignResponseDaysItem",
    "CampaignResponseStatus",
    "CreateCampaignRecipientRequest",
    "CreateCampaignRecipientRequestContext",
    "CreateCampaignRequest",
    "CreateCampaignRequestDaysItem",
    "ErrorResponse",
    "Retry",
    "TimeSlot",
    "UpdateStatusBody",
    "ValidationError",
    "ValidationErrorRejectedValue",
)
