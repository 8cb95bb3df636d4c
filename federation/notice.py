"""What the privacy notice says of the fediverse, from the settings."""

from federation.conf import settings


def facts():
    return {
        "fediverse": settings.FEDERATION_ENABLED,
        "fediverse_followers_shown": settings.FEDERATION_SHOW_FOLLOWERS,
    }
