"""The event stream: what happens to a campaign, from every vendor, in one form (../EVENTS.md).

- `model`: the event types and the shape of an event;
- `outbox`: writing an event in the transaction of the change that caused it;
- `relay`: publishing written events in commit order, and fanning them out to subscriptions;
- `feed`: reading them back, by cursor.
"""
