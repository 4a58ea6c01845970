"""What waits on the Redis broker's default queue (kombu keeps it as a Redis list)."""

import json
import os

import redis


def queued_task_names() -> list[str]:
    """Names of the tasks waiting on the default queue of the Redis broker."""
    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    return [json.loads(raw)["headers"]["task"] for raw in client.lrange("celery", 0, -1)]
