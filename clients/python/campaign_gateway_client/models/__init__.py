"""Contains all the data models used in inputs/outputs"""

from .action import Action
from .campaign import Campaign
from .campaign_action import CampaignAction
from .campaign_events_response_200 import CampaignEventsResponse200
from .campaign_request import CampaignRequest
from .campaign_request_options import CampaignRequestOptions
from .campaign_status import CampaignStatus
from .channel import Channel
from .delivery import Delivery
from .delivery_attempt import DeliveryAttempt
from .delivery_status import DeliveryStatus
from .dispatch import Dispatch
from .dry_run import DryRun
from .event import Event
from .event_data import EventData
from .event_source import EventSource
from .event_type import EventType
from .field_error import FieldError
from .list_campaigns_response_200 import ListCampaignsResponse200
from .list_deliveries_response_200 import ListDeliveriesResponse200
from .list_events_response_200 import ListEventsResponse200
from .list_subscriptions_response_200 import ListSubscriptionsResponse200
from .list_vendors_response_200 import ListVendorsResponse200
from .problem import Problem
from .progress import Progress
from .receive_body import ReceiveBody
from .receive_response_200 import ReceiveResponse200
from .recipient import Recipient
from .recipient_variables import RecipientVariables
from .retry import Retry
from .rotate_secret_response_200 import RotateSecretResponse200
from .schedule import Schedule
from .vendor_capabilities import VendorCapabilities
from .vendor_capabilities_lifecycle_notes import VendorCapabilitiesLifecycleNotes
from .vendor_request import VendorRequest
from .vendor_request_files import VendorRequestFiles
from .vendor_request_files_additional_property import VendorRequestFilesAdditionalProperty
from .vendor_request_headers import VendorRequestHeaders
from .webhook_subscription import WebhookSubscription
from .webhook_subscription_created import WebhookSubscriptionCreated
from .webhook_subscription_request import WebhookSubscriptionRequest
from .webhook_subscription_status import WebhookSubscriptionStatus
from .webhook_subscription_update import WebhookSubscriptionUpdate
from .webhook_subscription_update_status import WebhookSubscriptionUpdateStatus
from .weekday import Weekday
from .window import Window

__all__ = (
    "Action",
    "Campaign",
    "CampaignAction",
    "CampaignEventsResponse200",
    "CampaignRequest",
    "CampaignRequestOptions",
    "CampaignStatus",
    "Channel",
    "Delivery",
    "DeliveryAttempt",
    "DeliveryStatus",
    "Dispatch",
    "DryRun",
    "Event",
    "EventData",
    "EventSource",
    "EventType",
    "FieldError",
    "ListCampaignsResponse200",
    "ListDeliveriesResponse200",
    "ListEventsResponse200",
    "ListSubscriptionsResponse200",
    "ListVendorsResponse200",
    "Problem",
    "Progress",
    "ReceiveBody",
    "ReceiveResponse200",
    "Recipient",
    "RecipientVariables",
    "Retry",
    "RotateSecretResponse200",
    "Schedule",
    "VendorCapabilities",
    "VendorCapabilitiesLifecycleNotes",
    "VendorRequest",
    "VendorRequestFiles",
    "VendorRequestFilesAdditionalProperty",
    "VendorRequestHeaders",
    "WebhookSubscription",
    "WebhookSubscriptionCreated",
    "WebhookSubscriptionRequest",
    "WebhookSubscriptionStatus",
    "WebhookSubscriptionUpdate",
    "WebhookSubscriptionUpdateStatus",
    "Weekday",
    "Window",
)
