"""Contains all the data models used in inputs/outputs"""

from .campaign_object import CampaignObject
from .campaign_object_status import CampaignObjectStatus
from .campaign_response import CampaignResponse
from .create_and_trigger_campaign_request import CreateAndTriggerCampaignRequest
from .inbox_provider import InboxProvider

__all__ = (
    "CampaignObject",
    "CampaignObjectStatus",
    "CampaignResponse",
    "CreateAndTriggerCampaignRequest",
    "InboxProvider",
)
