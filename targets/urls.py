from django.urls import path

from . import views

urlpatterns = [
    path("indicators/<str:key>/", views.indicator_page, name="indicator-page"),
]
