"""Setting up an authenticator app, and the code asked for after the password."""

import base64
import io

import django_otp
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.qr import write_qrcode_image

from twofactor.forms import CodeForm

BACKUP_CODES = 10
WRONG_CODE = (
    "That code did not match. Check the time on your phone, or wait for the "
    "next code; after several wrong codes each try has to wait a little longer."
)


@never_cache
@staff_member_required
def setup(request):
    """Pair an authenticator app: scan, type the code it shows, keep the
    backup codes. Someone who already has one proves it first."""
    if user_has_device(request.user) and not request.user.is_verified():
        return redirect("twofactor:verify")
    device, _ = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "Authenticator app"}
    )
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            django_otp.login(request, device)
            codes = new_backup_codes(request.user)
            context = {"title": "Your backup codes", "codes": codes}
            return render(request, "twofactor/backup_codes.html", context)
        form.add_error("code", WRONG_CODE)
    context = {
        "title": "Set up two-factor sign-in",
        "form": form,
        "qr_code": qr_code(device.config_url),
        "secret": base64.b32encode(device.bin_key).decode(),
    }
    return render(request, "twofactor/setup.html", context)


@never_cache
@staff_member_required
def verify(request):
    """The code after the password, from the app or a backup code."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = ""
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device = django_otp.match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            django_otp.login(request, device)
            if isinstance(device, StaticDevice):
                messages.warning(
                    request,
                    "You signed in with a backup code, which is now used up. "
                    "Set up your authenticator again for new ones.",
                )
            return redirect(next_url or "admin:index")
        form.add_error("code", WRONG_CODE)
    context = {"title": "Two-factor sign-in", "form": form}
    return render(request, "twofactor/verify.html", context)


def new_backup_codes(user):
    """Ten single-use codes in place of any older ones, shown once."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Backup codes")
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def qr_code(url):
    """The pairing URL as an SVG QR code, for an <img> (the admin allows data:)."""
    out = io.BytesIO()
    write_qrcode_image(url, out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()
