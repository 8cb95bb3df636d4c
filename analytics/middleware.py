"""Beacons answered before the page cache, sessions and CSRF: a beacon reads
no session and is never stored, so it costs a worker little more than a
static file does (analytics/beacon.py)."""

from django.http import HttpResponseNotFound

from analytics import beacon
from analytics.conf import settings


class BeaconMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != beacon.PATH:
            return self.get_response(request)
        if not settings.ANALYTICS_ENABLED:
            return HttpResponseNotFound("Nothing is counted here.")
        return beacon.answer(request)
