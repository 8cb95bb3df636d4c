from django.urls import path

from subscriptions import views

app_name = "subscriptions"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("confirm/<secret:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<int:pk>/<secret:token>/", views.unsubscribe, name="unsubscribe"),
]
