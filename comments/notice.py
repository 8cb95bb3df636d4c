"""What the privacy notice says of comments, read from the settings and the
names the code obeys, so the notice changes whenever they do."""

from datetime import timedelta

from comments import cookies, mail
from comments.commenters import MANAGE_LINK_LIFETIME, MANAGE_SESSION_LIFETIME
from comments.conf import settings

DAY = 24 * 60 * 60


def facts():
    return {
        "retention_days": settings.COMMENTS_RETENTION_DAYS,
        "author_cookie": cookies.AUTHOR_COOKIE,
        "author_cookie_days": cookies.YEAR // DAY,
        "own_cookie": cookies.OWN_COOKIE,
        "own_cookie_days": cookies.MONTH // DAY,
        "edit_minutes": settings.COMMENTS_EDIT_MINUTES,
        "rate_window_minutes": settings.COMMENTS_RATE_WINDOW // 60,
        "confirm_required": settings.COMMENTS_CONFIRM_EMAIL,
        "confirm_hours": settings.COMMENTS_CONFIRM_HOURS,
        "confirmed_cookie": cookies.CONFIRMED_COOKIE,
        "confirmed_cookie_days": cookies.YEAR // DAY,
        "manager_cookie": cookies.MANAGER_COOKIE,
        "manage_link_minutes": MANAGE_LINK_LIFETIME // timedelta(minutes=1),
        "manage_page_minutes": MANAGE_SESSION_LIFETIME // timedelta(minutes=1),
        "mails_per_address": mail.MAILS_PER_ADDRESS,
        "mails_per_ip": mail.MAILS_PER_IP,
        "reply_mails_per_address": mail.REPLY_MAILS_PER_ADDRESS,
    }
