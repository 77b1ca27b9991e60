from django.urls import path

from . import views
from .search import views as search_views

urlpatterns = [
    path("", views.home, name="home"),
    path("documents/<slug:key>/", views.document_page, name="document-page"),
    path(
        "documents/<slug:key>/<str:provision_key>/",
        views.provision_page,
        name="provision-page",
    ),
    path("originals/<str:sha256>/", views.original_file, name="original-file"),
    path("themes/", views.theme_list, name="theme-list"),
    path("themes/<slug:slug>/", views.theme_page, name="theme-page"),
    path("search/", search_views.search_page, name="search"),
    path("compare/", views.compare, name="compare"),
]
