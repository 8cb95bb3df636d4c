"""Answers to HEAD: the headers a GET gets, and no body."""


class HeadMiddleware:
    """Drop the body of an answer to HEAD once every header is final.

    Django renders HEAD as it renders GET, and leaves the body for the server
    to discard; gunicorn does, with a warning in the log at every one.
    Outermost, so Content-Length, ETag and the rest are the GET's own.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "HEAD":
            if response.streaming:
                # A file's own closing still happens when the response closes.
                response.streaming_content = ()
            else:
                response.content = b""
        return response
