from django.urls import path

from subscriptions import views

app_name = "subscriptions"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("confirm/<slug:token>/", views.Confirm.as_view(), name="confirm"),
    path("<int:pk>/<slug:token>/", views.manage, name="manage"),
    path(
        "unsubscribe/<int:pk>/<slug:token>/",
        views.Unsubscribe.as_view(),
        name="unsubscribe",
    ),
]
