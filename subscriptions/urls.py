from django.urls import path

from subscriptions import views

app_name = "subscriptions"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("confirm/<slug:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<int:pk>/<slug:token>/", views.unsubscribe, name="unsubscribe"),
]
