from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("documents/<slug:key>/", views.document_page, name="document-page"),
    path(
        "documents/<slug:key>/<str:provision_key>/",
        views.provision_page,
        name="provision-page",
    ),
    path("themes/<slug:slug>/", views.theme_page, name="theme-page"),
]
