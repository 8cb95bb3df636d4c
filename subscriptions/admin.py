from django.contrib import admin
from django.db.models import Count, Q
from django.db.models.constants import LOOKUP_SEP

from subscriptions.models import Frequency, Subscriber

# Superusers, and whoever is given this permission, see addresses; editors
# see counts and dates only.
SEE_ADDRESSES = "subscriptions.see_subscriber_addresses"


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ("__str__", "email", "frequency", "confirmed", "created_at")
    list_filter = ("frequency", ("confirmed_at", admin.EmptyFieldListFilter))
    search_fields = ("email",)
    fields = ("email", "frequency", "created_at", "confirmed_at")
    readonly_fields = fields
    date_hierarchy = "created_at"

    def sees_addresses(self, request):
        return request.user.has_perm(SEE_ADDRESSES)

    def get_list_display(self, request):
        if self.sees_addresses(request):
            return self.list_display
        return tuple(f for f in self.list_display if f != "email")

    def get_search_fields(self, request):
        return self.search_fields if self.sees_addresses(request) else ()

    def get_fields(self, request, obj=None):
        if self.sees_addresses(request):
            return self.fields
        return tuple(f for f in self.fields if f != "email")

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def lookup_allowed(self, lookup, value, request):
        """The address cannot be filtered on, even by a crafted query string."""
        if lookup.split(LOOKUP_SEP, 1)[0] == "email" and not self.sees_addresses(
            request
        ):
            return False
        return super().lookup_allowed(lookup, value, request)

    def has_add_permission(self, request):
        return False  # readers sign up themselves, and confirm by mail

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(boolean=True, ordering="confirmed_at")
    def confirmed(self, subscriber):
        return subscriber.confirmed_at is not None

    def changelist_view(self, request, extra_context=None):
        confirmed = Q(confirmed_at__isnull=False)
        counts = Subscriber.objects.aggregate(
            confirmed=Count("pk", filter=confirmed),
            unconfirmed=Count("pk", filter=~confirmed),
            **{
                value: Count("pk", filter=confirmed & Q(frequency=value))
                for value in Frequency.values
            },
        )
        by_frequency = [(label, counts[value]) for value, label in Frequency.choices]
        extra_context = {
            **(extra_context or {}),
            "counts": counts,
            "by_frequency": by_frequency,
        }
        return super().changelist_view(request, extra_context)
