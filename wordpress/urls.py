from django.urls import path

from wordpress import views

app_name = "wordpress"

urlpatterns = [
    path("media/wordpress/<stored_name:name>", views.uploaded_file, name="upload"),
]
