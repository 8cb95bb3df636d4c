from django.urls import path

from pages import views

app_name = "pages"

urlpatterns = [
    path("<pagepath:path>/", views.PageDetailView.as_view(), name="detail"),
]
