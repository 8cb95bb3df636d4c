from django.urls import path

from subscriptions import views

app_name = "subscriptions"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("confirm/<secret:token>/", views.Confirm.as_view(), name="confirm"),
    path("<int:pk>/<secret:token>/", views.Manage.as_view(), name="manage"),
    path(
        "unsubscribe/<int:pk>/<secret:token>/",
        views.Unsubscribe.as_view(),
        name="unsubscribe",
    ),
]
