"""Contains all the data models used in inputs/outputs"""

from .campaign_object import CampaignObject
from .campaign_object_status import CampaignObjectStatus
from .campaign_response import CampaignResponse
from .create_and_trigger_campaign_request import CreateAndTriggerCampaignRequest
from .inbox_provider import InboxProvider
from .message import Message
from .message_sender_type import MessageSenderType
from .message_status import MessageStatus
from .messages_page import MessagesPage
from .messages_page_links import MessagesPageLinks

__all__ = (
    "CampaignObject",
    "CampaignObjectStatus",
    "CampaignResponse",
    "CreateAndTriggerCampaignRequest",
    "InboxProvider",
    "Message",
    "MessageSenderType",
    "MessagesPage",
    "MessagesPageLinks",
    "MessageStatus",
)
