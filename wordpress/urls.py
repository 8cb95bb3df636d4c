from django.urls import path

from wordpress import views

app_name = "wordpress"

urlpatterns = [
    path("media/wordpress/<path:name>", views.uploaded_file, name="upload"),
]
